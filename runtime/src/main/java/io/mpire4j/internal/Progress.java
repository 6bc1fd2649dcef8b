package io.mpire4j.internal;

/**
 * Receives a call's progress, per chunk. {@link #advance} is called by worker threads; the rest by
 * the consuming thread, which also {@link #refresh() redraws} every {@link #refreshNanos()} while
 * it waits for results.
 */
interface Progress {
    /** How a call ended: {@code INTERRUPTED} when the JVM shut down under it (Ctrl-C, SIGTERM, {@code System.exit}). */
    enum Outcome { DONE, FAILED, CANCELLED, INTERRUPTED }

    Progress NONE = new Progress() {
        @Override
        public void start(long total) {}

        @Override
        public void advance(int tasks) {}

        @Override
        public void finish(Outcome outcome) {}

        @Override
        public long refreshNanos() {
            return 0;
        }

        @Override
        public void refresh() {}
    };

    /** The call starts; {@code total} is its number of tasks, or -1 when unknown. */
    void start(long total);

    /** {@code tasks} more tasks finished. Thread-safe. */
    void advance(int tasks);

    /** The call ended; later calls are ignored. */
    void finish(Outcome outcome);

    /** How often a waiting consumer should call {@link #refresh()}; 0: never. */
    long refreshNanos();

    /** Redraws if due; called by a consumer that has waited {@link #refreshNanos()}. */
    void refresh();
}
