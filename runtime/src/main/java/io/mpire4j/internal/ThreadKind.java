package io.mpire4j.internal;

import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import io.mpire4j.spi.WorkerKind;
import io.mpire4j.spi.Workers;

/**
 * The built-in kinds {@code THREADS} and {@code VIRTUAL_THREADS}: each slot's own thread runs its
 * tasks ({@link ThreadWorker}); a generation shares nothing. Immutable.
 */
final class ThreadKind implements WorkerKind {
    static final ThreadKind PLATFORM = new ThreadKind("threads", false);
    static final ThreadKind VIRTUAL = new ThreadKind("virtual-threads", true);

    private final String name;
    private final boolean virtual;

    private ThreadKind(String name, boolean virtual) {
        this.name = name;
        this.virtual = virtual;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean virtualThreads() {
        return virtual;
    }

    @Override
    public Workers start(PoolContext pool) {
        WorkerProgram<?, ?> program = ((KindContext) pool).program();
        return new Workers() {
            @Override
            public Worker worker(WorkerContext slot) {
                return new ThreadWorker<>(slot, program);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
