package io.mpire4j.tests;

import io.mpire4j.internal.RemoteWorker;
import io.mpire4j.internal.WorkerHost;
import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import io.mpire4j.spi.WorkerKind;
import io.mpire4j.spi.Workers;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;

/**
 * A worker kind written outside the runtime, as another module would write one: each worker is a
 * {@link WorkerHost} on a thread of its own ({@code mpire4j-loopback-<id>}), reached through a
 * pair of pipes, so every task, result, failure, init and exit crosses the same frames and codecs
 * as a child JVM or a cluster member would see, with nothing but the SPI and the public glue.
 * Killing a worker closes its pipes.
 */
final class LoopbackKind implements WorkerKind {
    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public void check(PoolContext pool) {
        if (pool.programName() == null) {
            throw new IllegalArgumentException("the loopback kind needs a generated program, " + pool.className()
                    + " has none");
        }
        pool.encodedReceiver(); // fails here, at create(), if the receiver cannot cross
    }

    @Override
    public Workers start(PoolContext pool) {
        return new Workers() {
            @Override
            public Worker worker(WorkerContext slot) {
                return new Loopback(slot);
            }

            @Override
            public void close() {}
        };
    }

    private static final class Loopback extends RemoteWorker {
        private PipedInputStream fromHost;
        private PipedOutputStream toHost;
        private Thread host;

        Loopback(WorkerContext slot) {
            super(slot);
        }

        @Override
        protected Link connect() throws IOException {
            PipedInputStream hostIn = new PipedInputStream(1 << 16);
            toHost = new PipedOutputStream(hostIn);
            fromHost = new PipedInputStream(1 << 16);
            PipedOutputStream hostOut = new PipedOutputStream(fromHost);
            String program = slot.pool().programName();
            host = Thread.ofPlatform().name("mpire4j-loopback-" + slot.id()).daemon(true).start(() -> {
                try (hostIn; hostOut) {
                    WorkerHost.serve(hostIn, hostOut, slot.id(), program);
                } catch (IOException closed) {
                    // the pool closed the pipes: a kill, or the end of a terminate
                } finally {
                    ended();
                }
            });
            return new Link(fromHost, toHost);
        }

        @Override
        protected boolean alive() {
            return host != null && host.isAlive();
        }

        @Override
        protected boolean kill() {
            closePipes();
            return true;
        }

        @Override
        protected void release(boolean asked) {
            if (!asked) {
                closePipes();
            }
            try {
                if (host != null && !host.join(Duration.ofSeconds(5))) {
                    closePipes();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected String describe() {
            return "loopback worker " + slot.id();
        }

        private void closePipes() {
            try {
                if (toHost != null) {
                    toHost.close();
                }
                if (fromHost != null) {
                    fromHost.close();
                }
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
    }
}
