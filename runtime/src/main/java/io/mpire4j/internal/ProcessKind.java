package io.mpire4j.internal;

import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import io.mpire4j.spi.WorkerKind;
import io.mpire4j.spi.Workers;

/**
 * The built-in kind {@code PROCESSES}: a child JVM per slot ({@link ChildWorker}); a generation
 * shares one {@link ChildLauncher} (its local socket and command line). Immutable.
 */
final class ProcessKind implements WorkerKind {
    static final ProcessKind INSTANCE = new ProcessKind();

    private ProcessKind() {}

    @Override
    public String name() {
        return "processes";
    }

    /** The program must name its generated class, and the shared receiver must be encodable. */
    @Override
    public void check(PoolContext pool) {
        if (pool.programName() == null) {
            throw new IllegalArgumentException("StartMethod.PROCESSES needs the program of " + pool.className()
                    + " to name its generated class (WorkerProgram.Builder.generatedName): a child JVM finds the "
                    + "program through it; recompile " + pool.className() + " with the mpire4j processor");
        }
        pool.encodedReceiver();
    }

    @Override
    public Workers start(PoolContext pool) {
        ChildLauncher launcher = ChildLauncher.create(pool);
        return new Workers() {
            @Override
            public Worker worker(WorkerContext slot) {
                return new ChildWorker(slot, launcher);
            }

            @Override
            public void close() {
                launcher.close();
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
