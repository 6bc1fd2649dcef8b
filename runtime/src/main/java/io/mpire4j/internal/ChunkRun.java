package io.mpire4j.internal;

import io.mpire4j.spi.Batch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * One chunk as the kind's worker sees it while running it: its tasks, their codecs, and the one
 * report it makes, which goes to the chunk's call (results, a failure, a death) unless the task had
 * run past its deadline or the worker was abandoned. Confined to the slot's thread.
 */
final class ChunkRun<S> implements Batch {
    /** How often a chunk goes back to the queue untouched before its workers' deaths count against it. */
    static final int MAX_UNTOUCHED = 3;
    private final WorkerLoop<S, ?> loop;
    private final Chunk<S> chunk;
    private final Call<S, ?, ?> call;
    private final WorkerProgram.TaskDef<S, Object, Object> def;
    private final WorkerStats stats;
    private final long startNanos = System.nanoTime();
    private final boolean timed;
    /** Whether a task of this chunk ran past its deadline: its outcome was already reported as a timeout. */
    private boolean late;
    private int ran;
    /** The chunk's JFR event, when a recording enables it; else null. */
    private final JfrChunkEvent jfr;

    @SuppressWarnings("unchecked")
    ChunkRun(WorkerLoop<S, ?> loop, Chunk<S> chunk, WorkerStats stats) {
        this.loop = loop;
        this.chunk = chunk;
        this.call = chunk.call;
        this.def = (WorkerProgram.TaskDef<S, Object, Object>) loop.generation.program.tasks().get(call.method.index());
        this.stats = stats;
        this.timed = call.timeoutNanos > 0;
        JfrChunkEvent event = Jfr.on() ? new JfrChunkEvent() : null;
        if (event != null && event.isEnabled()) {
            event.begin();
            this.jfr = event;
        } else {
            this.jfr = null;
        }
    }

    /** Commits the chunk's JFR event, if any, as the chunk reports. */
    private void traced(boolean failed) {
        JfrChunkEvent event = jfr;
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                event.pool = loop.generation.view.id();
                event.method = call.method.displayName();
                event.workerId = loop.slot.id;
                event.tasks = chunk.size();
                event.failed = failed;
                event.commit();
            }
        }
    }

    /** The method's name as in reports ({@code Class.method}). */
    String methodName() {
        return call.method.displayName();
    }

    /** The position in the call's input of the task at {@code position}. */
    long taskIndex(int position) {
        return chunk.taskIndex(position);
    }

    /** How many tasks ran, a failed one included: what a lifespan counts. */
    int ran() {
        return ran;
    }

    /** The tasks themselves, for workers that run them in this JVM; not to be modified. */
    Object[] tasks() {
        return chunk.tasks();
    }

    /**
     * The list a worker in this JVM reads the chunk's tasks from, at {@link #firstIndex()} on, or
     * null when they come as an array ({@link #tasks()}).
     */
    List<?> source() {
        return chunk.source;
    }

    /** The input position of the chunk's first task. */
    int firstIndex() {
        return (int) chunk.firstIndex;
    }

    /** The direct call, for workers that run tasks in this JVM. */
    WorkerProgram.Task<S, Object, Object> directCall() {
        return def.task();
    }

    @Override
    public int method() {
        return call.method.index();
    }

    @Override
    public int size() {
        return chunk.size();
    }

    @Override
    public Object task(int position) {
        return chunk.task(position);
    }

    @Override
    public long timeoutNanos() {
        return call.timeoutNanos;
    }

    @Override
    public boolean announced() {
        return timed || call.ledger != null;
    }

    @Override
    public boolean measured() {
        return stats != null;
    }

    /** Also true once a task of this chunk ran past its deadline: the chunk was settled without this worker. */
    @Override
    public boolean cancelled() {
        return late || call.isDone();
    }

    @Override
    public void writeTask(DataOutput out, int position) throws IOException {
        def.taskCodec().write(out, chunk.task(position));
    }

    @Override
    public Object readResult(DataInput in) throws IOException {
        return def.resultCodec().read(in);
    }

    @Override
    public void begin(int position) {
        if (timed) {
            loop.beginPhase(Deadline.Phase.TASK, call, chunk, position, call.timeoutNanos);
        }
    }

    @Override
    public boolean end() {
        if (timed && loop.endPhase()) {
            late = true;
            return false;
        }
        return true;
    }

    @Override
    public void completed(Object[] results, long[] taskNanos) {
        int n = chunk.size();
        ran = n;
        long took = System.nanoTime() - startNanos;
        traced(false);
        if (stats != null) {
            if (taskNanos != null) {
                for (int i = 0; i < n; i++) {
                    stats.task(taskNanos[i], call.method, chunk.task(i));
                }
            }
            stats.working(took, n);
        }
        if (!late && !loop.abandoned()) {
            chunk.nanos = took;
            TaskLedger<S> ledger = call.ledger;
            if (ledger != null) {
                call.progress.chunkCompleted(loop.slot.id, n, took);
                ledger.succeeded(chunk, n, results);
                return;
            }
            chunk.results = results;
            call.progress.advance(n);
            call.progress.chunkCompleted(loop.slot.id, n, took);
            call.completed(chunk);
        }
    }

    /** The failure report of task {@code position}, for the ledger or the call. */
    private TaskFailure failure(int position) {
        return call.failure(loop.slot.id, chunk, position);
    }

    @Override
    public void notSent(int position, Throwable cause) {
        ran = 0;
        traced(true);
        if (!late && !loop.abandoned()) {
            TaskFailure failure = failure(position);
            TaskLedger<S> ledger = call.ledger;
            if (ledger != null) {
                ledger.failedAt(chunk, position, ErrorReport.notSent(failure, cause), null, loop.slot.id, false, stats);
                return;
            }
            call.fail(() -> ErrorReport.notSent(failure, cause));
        }
    }

    @Override
    public void failed(int position, Throwable cause) {
        failed(position, cause, null);
    }

    /**
     * As {@link #failed(int, Throwable)}, with the results of the tasks before {@code position}
     * ({@code before}, or null if they are not known: those tasks then run again under a per-task
     * policy).
     */
    void failed(int position, Throwable cause, Object[] before) {
        ran = position + 1;
        traced(true);
        if (stats != null) {
            stats.working(System.nanoTime() - startNanos, position);
        }
        if (!late && !loop.abandoned()) {
            TaskLedger<S> ledger = call.ledger;
            if (ledger == null) {
                call.progress.taskFailed(loop.slot.id, chunk.taskIndex(position), cause);
                call.failTask(loop.slot.id, chunk, position, cause);
                return;
            }
            ledger.failedAt(chunk, position, ErrorReport.taskFailed(failure(position), cause), before, loop.slot.id,
                    false, stats);
        }
    }

    @Override
    public void lost(int position, int exitCode) {
        died(position, exitCode, ErrorReport.describeExit(exitCode));
    }

    @Override
    public void lost(int position, String how) {
        died(position, -1, how == null ? ErrorReport.describeExit(-1) : how);
    }

    private void died(int position, int exitCode, String how) {
        ran = chunk.size();
        loop.lost();
        if (loop.ending() || late) {
            return;
        }
        MethodSpec<S, ?, ?> method = call.method;
        int id = loop.slot.id;
        TaskLedger<S> ledger = call.ledger;
        int n = chunk.size();
        if (ledger != null && position < 0 && n > 1) {
            // Which task it died on is not known: each runs again on its own, so a killer is found.
            ledger.rerun(chunk, 0, n, id, true);
            return;
        }
        int primary = Math.max(position, 0);
        TaskFailure failure = failure(primary);
        String message = ChildWorker.diedMessage(method, id, how, chunk, position);
        if (ledger != null) {
            // Only the running task died with the worker; the others' results were lost with it.
            ledger.failedAt(chunk, primary, ErrorReport.died(failure, exitCode, message), null, id, true, stats);
            return;
        }
        call.fail(() -> ErrorReport.died(failure, exitCode, message));
    }

    /**
     * Puts the chunk back for the fresh worker, at most {@link #MAX_UNTOUCHED} times: a chunk whose
     * workers keep dying before it begins (a task that kills the child as it is read) then counts
     * as {@link #lost}, so it cannot go round for ever.
     */
    @Override
    public void untouched() {
        if (++chunk.untouched > MAX_UNTOUCHED) {
            lost(-1, -1);
            return;
        }
        ran = 0;
        loop.lost();
        loop.generation.requeue(chunk);
    }
}
