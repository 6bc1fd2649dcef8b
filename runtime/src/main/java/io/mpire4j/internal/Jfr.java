package io.mpire4j.internal;

/**
 * Whether JFR events are worth making: only once Flight Recorder has started in this JVM (a
 * recording from {@code -XX:StartFlightRecording}, {@code jcmd} or the API). The first use of an
 * event class costs the JVM about 90 ms of JFR set-up, which a pool must not pay when nobody
 * records; and a runtime image made without {@code jdk.jfr} (jlink, {@code --limit-modules}) must
 * not fail a call on loading one. So every event site asks {@link #on()} first. Thread-safe.
 */
final class Jfr {
    /** Whether the {@code jdk.jfr} module is present; decided once. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();
    /** Set once Flight Recorder has started; it stays initialized for the life of the JVM. */
    private static volatile boolean started;

    static {
        if (AVAILABLE) {
            Recorder.listen(); // about a millisecond, once per JVM; it does not start Flight Recorder
        }
    }

    private Jfr() {}

    /** Whether Flight Recorder has started in this JVM: one volatile read. */
    static boolean on() {
        return started;
    }

    /** Touches {@code jdk.jfr} only when it is present (this class is loaded only then). */
    private static final class Recorder {
        /** Sets {@link #started} when Flight Recorder starts, or at once if it already has. */
        static void listen() {
            jdk.jfr.FlightRecorder.addListener(new jdk.jfr.FlightRecorderListener() {
                @Override
                public void recorderInitialized(jdk.jfr.FlightRecorder recorder) {
                    started = true;
                }
            });
        }
    }
}
