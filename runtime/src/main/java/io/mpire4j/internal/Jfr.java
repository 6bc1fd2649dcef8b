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
    /** How often to ask whether Flight Recorder has started, while it has not: a recording begun with jcmd is seen within this. */
    private static final long LOOK_EVERY_NANOS = 50_000_000;
    /** Set once Flight Recorder is seen running; it stays initialized for the life of the JVM. */
    private static volatile boolean started;
    /** When to ask again ({@link System#nanoTime()}); racy updates only cost an extra look. */
    private static volatile long nextLook = System.nanoTime();

    private Jfr() {}

    /** Whether Flight Recorder has started in this JVM: a volatile read and a clock read until it has. */
    static boolean on() {
        if (started) {
            return true;
        }
        long now = System.nanoTime();
        if (!AVAILABLE || now - nextLook < 0) {
            return false;
        }
        nextLook = now + LOOK_EVERY_NANOS;
        if (Recorder.initialized()) {
            started = true;
            return true;
        }
        return false;
    }

    /** Touches {@code jdk.jfr} only when it is present (this class is loaded only then). */
    private static final class Recorder {
        static boolean initialized() {
            return jdk.jfr.FlightRecorder.isInitialized();
        }
    }
}
