package io.mpire4j;

import io.mpire4j.internal.DashboardServer;
import java.net.URI;
import java.util.Objects;

/**
 * A local web page listing every call of every pool in this JVM: progress, rate, ETA, state,
 * per-worker insights, and for failed calls the failing task's arguments and stack trace, updated
 * live. The same data is served as JSON ({@code GET /api/calls}, {@code GET /api/calls/{id}}).
 *
 * <pre>
 * try (Dashboard dashboard = Dashboard.start()) {
 *     System.out.println(dashboard.uri());   // http://127.0.0.1:PORT/?token=…
 *     … every call started from now on shows up …
 * }
 * </pre>
 *
 * <p>Or start one with {@code -Dmpire4j.dashboard=PORT} ({@code 0}: a free port): it starts when the
 * first pool is created and prints its URI once on stderr.
 *
 * <p>Security: it listens on 127.0.0.1 unless a host is given explicitly (then it warns on
 * stderr); every request needs the random token that {@link #uri()} carries (as query parameter
 * {@code token} or header {@code X-Mpire4j-Token}), otherwise the answer is 403 with nothing in it;
 * only {@code GET} is served and no cross-origin access is allowed. Task arguments and messages are
 * shown as text, never as markup.
 *
 * <p>Cost: pools report progress once per chunk to an atomic counter; the page is fed from the
 * dashboard's own threads, at most four updates a second, and a slow or vanished browser never
 * slows a pool. Calls that started before the dashboard are not shown. Thread-safe.
 */
public final class Dashboard implements AutoCloseable {
    private final DashboardServer server;

    private Dashboard(DashboardServer server) {
        this.server = server;
    }

    /** A dashboard on 127.0.0.1 and a free port. */
    public static Dashboard start() {
        return start(0);
    }

    /**
     * A dashboard on 127.0.0.1 and {@code port} ({@code 0}: a free one).
     *
     * @throws IllegalArgumentException if {@code port} is not in {@code [0, 65535]}
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public static Dashboard start(int port) {
        return start("127.0.0.1", port);
    }

    /**
     * A dashboard on {@code host} and {@code port}. A host that is not a loopback address (for
     * example {@code 0.0.0.0}) makes the page reachable from other machines, for anyone with the
     * token: a warning says so on stderr.
     *
     * @throws IllegalArgumentException if {@code port} is not in {@code [0, 65535]}
     * @throws java.io.UncheckedIOException if the host is unknown or the port cannot be bound
     */
    public static Dashboard start(String host, int port) {
        Objects.requireNonNull(host, "host");
        return new Dashboard(DashboardServer.start(host, port));
    }

    /** The page's address, with its token: {@code http://127.0.0.1:PORT/?token=…}. */
    public URI uri() {
        return server.uri();
    }

    /** Stops the server, its event streams and its threads. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        URI at = uri();
        return "Dashboard at " + at.getScheme() + "://" + at.getRawAuthority() + "/"; // not the token
    }
}
