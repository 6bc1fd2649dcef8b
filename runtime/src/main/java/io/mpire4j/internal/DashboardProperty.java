package io.mpire4j.internal;

/**
 * {@code -Dmpire4j.dashboard=PORT}: starts one dashboard on loopback when the first pool of the
 * JVM is created ({@code 0} for a free port) and prints its URI once on stderr. The dashboard then
 * lives as long as the JVM (its threads are daemons). A bad value or a busy port is reported on
 * stderr and the pool goes on without a dashboard. Thread-safe; after the first pool, a call costs
 * one volatile read.
 */
final class DashboardProperty {
    static final String PROPERTY = "mpire4j.dashboard";
    private static volatile boolean checked;
    /** The dashboard the property started, if any; guarded by the class. */
    private static DashboardServer started;

    private DashboardProperty() {}

    /** Called by {@code WorkerPool.create}, before the pool reports itself to listeners. */
    static void startIfAsked() {
        if (checked) {
            return;
        }
        synchronized (DashboardProperty.class) {
            if (checked) {
                return;
            }
            checked = true;
            String value = System.getProperty(PROPERTY);
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                int port = Integer.parseInt(value.strip());
                started = DashboardServer.start("127.0.0.1", port);
                System.err.println("mpire4j: dashboard at " + started.uri());
            } catch (NumberFormatException e) {
                System.err.println("mpire4j: -D" + PROPERTY + " must be a port number (0 for a free one), was '"
                        + value + "'; no dashboard started");
            } catch (RuntimeException e) {
                System.err.println("mpire4j: no dashboard started: " + ErrorReport.throwableText(e));
            }
        }
    }

    /** For tests: the dashboard the property started (or null), which is closed, and forgets it. */
    static synchronized DashboardServer resetForTests() {
        DashboardServer was = started;
        started = null;
        checked = false;
        return was;
    }
}
