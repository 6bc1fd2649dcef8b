package io.mpire4j.internal;

import io.mpire4j.spi.Batch;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Internal, not API: the pool's side of a worker that lives elsewhere (a child JVM, a cluster
 * member, a test's loopback), for mpire4j's own worker kinds. It turns init, each chunk and exit
 * into one round trip of frames ({@link Wire}, {@link Frames}) with a {@link WorkerHost} at the
 * other end of a link the subclass provides; the subclass also says how the remote side is
 * started, told apart from a death, and ended.
 *
 * <p>Deaths: a link that breaks while the remote side held a chunk fails that chunk's call with a
 * {@link io.mpire4j.WorkerDiedException} (unless this side ended it: a kill at a deadline, a
 * stop), and the worker is {@link WorkerContext#lost() lost}, so the pool replaces it without
 * exit. A subclass that notices an end on its own (a process-exit callback) calls {@link #ended()}.
 * Everything runs on the slot's thread except {@link #expire()} (the watchdog) and {@link #ended()}.
 */
public abstract class RemoteWorker implements Worker {
    /** The two directions of a link to a {@link WorkerHost}. */
    public record Link(InputStream in, OutputStream out) {}

    protected final WorkerContext slot;
    private Wire.In in;
    private Wire.Out out;
    /** Set when this side ends the remote worker: an end after this is expected. */
    private volatile boolean closing;
    /** Set when the watchdog killed the remote worker at a deadline. */
    private volatile boolean killed;

    protected RemoteWorker(WorkerContext slot) {
        this.slot = slot;
    }

    /** Starts the remote side and returns the link to it. Slot's thread. */
    protected abstract Link connect() throws Exception;

    /** The remote side is ready (its program built); for example, note a first successful start. */
    protected void opened() {}

    /** Whether the remote side may still be alive; a dead one gets no more chunks. */
    protected boolean alive() {
        return true;
    }

    /** How the remote side ended, waiting a bounded time: an exit code, or -1 if unknown. */
    protected int exitCode() {
        return -1;
    }

    /**
     * Whether a chunk the remote side held when the link broke may run again on another worker
     * (the remote side is gone for good, say its machine left, and others remain): the chunk is then
     * reported {@link Batch#untouched() untouched}, which is safe because a chunk's results only ever
     * arrive together, so none of them was delivered. The default: no, the call fails with a death.
     * Slot's thread.
     */
    protected boolean rerunElsewhere() {
        return false;
    }

    /**
     * How the remote side ended, for the death report, in place of an exit code
     * ({@code "member 10.0.0.7:5701 left the cluster"}); {@code null} (the default) reports
     * {@link #exitCode()}. Slot's thread.
     */
    protected String endedHow() {
        return null;
    }

    /** Kills the remote side at once (a deadline passed); returns whether it is gone now. Watchdog's thread. */
    protected abstract boolean kill();

    /**
     * Releases the remote side after SHUTDOWN was sent ({@code asked}: wait a bounded time for it
     * to end) or without it (end it at once). Slot's thread, once.
     */
    protected abstract void release(boolean asked);

    /** What to call the remote side in messages: {@code "the child JVM of worker 3"}. */
    protected abstract String describe();

    /** The remote side ended on its own (not asked, not killed): the pool replaces the worker. Any thread. */
    protected final void ended() {
        if (!closing && !killed) {
            slot.lost();
        }
    }

    /** Whether an end of the link now is one this side caused. */
    protected final boolean expectedEnd() {
        return killed || closing || slot.ending();
    }

    @Override
    public final void open() throws Exception {
        Link link = connect();
        in = new Wire.In(link.in());
        out = new Wire.Out(link.out());
        out.begin().write(slot.pool().encodedReceiver());
        out.send(Wire.HELLO);
        byte type = in.next();
        if (type == Wire.START_FAILED) {
            Throwable why = Wire.readThrowable(in.data);
            throw new IllegalStateException(describe() + " could not build the program " + slot.pool().programName()
                    + ": " + ErrorReport.throwableText(why), why);
        }
        if (type != Wire.READY) {
            throw Wire.unexpected(type, "instead of READY");
        }
        opened();
    }

    @Override
    public final void init() throws Throwable {
        Throwable failure;
        try {
            out.sendEmpty(Wire.INIT);
            byte type = in.next();
            if (type == Wire.INIT_OK) {
                return;
            }
            if (type != Wire.INIT_FAILED) {
                throw Wire.unexpected(type, "after INIT");
            }
            failure = Wire.readThrowable(in.data);
        } catch (IOException e) {
            throw broke(e, "during @WorkerInit");
        }
        throw failure;
    }

    @Override
    public final Object exit() throws Throwable {
        Throwable failure;
        try {
            out.sendEmpty(Wire.EXIT);
            byte type = in.next();
            if (type == Wire.EXIT_OK) {
                try {
                    return slot.readExit(in.data);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("could not read the @WorkerExit result of worker " + slot.id()
                            + ": " + ErrorReport.throwableText(e), e);
                }
            }
            if (type != Wire.EXIT_FAILED) {
                throw Wire.unexpected(type, "after EXIT");
            }
            failure = Wire.readThrowable(in.data);
        } catch (IOException e) {
            throw broke(e, "during @WorkerExit");
        }
        throw failure;
    }

    @Override
    public final void run(Batch batch) {
        if (!alive()) {
            // It died while idle, before this chunk reached it: nothing of the chunk ran, so it goes
            // back to the queue for the fresh worker that takes this slot, and no call fails.
            batch.untouched();
            return;
        }
        int n = batch.size();
        boolean timed = batch.announced();
        boolean measured = batch.measured();
        DataOutputStream payload = Frames.beginChunk(out, batch.method(), timed, measured, n);
        for (int i = 0; i < n; i++) {
            try {
                batch.writeTask(payload, i);
            } catch (IOException | RuntimeException e) {
                batch.notSent(i, WorkerHost.cannotSend("the task", batch.task(i), e));
                return;
            }
        }
        int position = -1;
        batch.begin(0);
        try {
            out.send(Wire.CHUNK);
            while (true) {
                byte type = in.next();
                if (type == Wire.STARTED) {
                    position = Frames.readStarted(in.data);
                    batch.begin(position);
                    continue;
                }
                batch.end();
                if (type == Wire.RESULTS) {
                    received(batch, measured);
                    return;
                }
                if (type == Wire.FAILED) {
                    Frames.Failed failed = Frames.readFailed(in.data);
                    if (failed.cause() instanceof VirtualMachineError) {
                        slot.retire(); // e.g. OutOfMemoryError: the JVM may be in a bad way, start afresh
                    }
                    Object[] before = failed.results() > 0 ? readBefore(batch, failed.results()) : null;
                    if (before != null && batch instanceof ChunkRun<?> run) {
                        run.failed(failed.position(), failed.cause(), before);
                    } else {
                        batch.failed(failed.position(), failed.cause());
                    }
                    return;
                }
                throw Wire.unexpected(type, "while running a chunk");
            }
        } catch (IOException e) {
            boolean inTime = batch.end();
            boolean expected = expectedEnd();
            slot.lost();
            if (expected) {
                batch.lost(position, -1);
            } else if (position < 0 && inTime || rerunElsewhere()) {
                // It died before it began the chunk (every chunk begins with STARTED 0), or its kind can
                // run the chunk elsewhere: as if idle, so the chunk runs on a fresh worker and no call fails.
                batch.untouched();
            } else {
                String how = endedHow();
                if (how != null) {
                    batch.lost(position, how);
                } else {
                    batch.lost(position, exitCode());
                }
            }
        }
    }

    private void received(Batch batch, boolean measured) throws IOException {
        int n = Frames.readResultCount(in.data);
        Object[] results = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                results[i] = batch.readResult(in.data);
            } catch (IOException | RuntimeException e) {
                batch.failed(i, new IOException("could not read the result from " + describe() + ": "
                        + ErrorReport.throwableText(e), e));
                return;
            }
        }
        batch.completed(results, measured ? Frames.readNanos(in.data, n) : null);
    }

    /** The results a FAILED frame holds of the tasks before the failed one, or null if one cannot be read. */
    private Object[] readBefore(Batch batch, int n) {
        Object[] results = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                results[i] = batch.readResult(in.data);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return results;
    }

    /** The link broke outside a chunk: the worker is lost; returns what to report. */
    private IOException broke(IOException e, String when) {
        boolean expected = expectedEnd();
        slot.lost();
        if (expected) {
            return new IOException("worker " + slot.id() + " was stopped " + when, e);
        }
        String how = endedHow();
        return new IOException(describe() + " died " + when + " ("
                + (how != null ? how : ErrorReport.describeExit(exitCode())) + ")", e);
    }

    /** Called by the watchdog: kills the remote side at once. */
    @Override
    public final boolean expire() {
        killed = true;
        return kill();
    }

    /** Asks the remote side to end (SHUTDOWN) unless it is dead, killed or the pool terminates; then releases it. */
    @Override
    public final void close() {
        closing = true;
        boolean asked = out != null && !killed && !slot.ending() && alive();
        if (asked) {
            try {
                out.sendEmpty(Wire.SHUTDOWN);
            } catch (IOException e) {
                asked = false;
            }
        }
        release(asked);
    }
}
