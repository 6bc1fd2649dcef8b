package io.mpire4j.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consecutive tasks of one call, handed to one worker at once: all bookkeeping (queueing, waking,
 * completion, progress) happens per chunk, never per task.
 */
final class Chunk<S> implements Work<S> {
    final Call<S, ?, ?> call;
    /** Position of this chunk in its call, from 0. */
    final int seq;
    /** Input position of the first task, or -1 for a single {@code apply}. */
    final long firstIndex;
    /**
     * The tasks, or null for a chunk read in place from {@link #source} until someone asks for them
     * as an array ({@link #tasks()}); written once, racing writers write equal arrays.
     */
    private volatile Object[] tasks;
    /** The list a thread worker reads this chunk's tasks from, at {@link #firstIndex} on; else null. */
    final List<?> source;
    private final int size;
    /** Written by the worker before the chunk is handed back; read by the caller after. */
    Object[] results;
    /** How long the worker took to run it (set with {@link #results}). */
    long nanos;
    /**
     * The chunk the call hands out: this one, or for a re-run of some of a chunk's tasks
     * ({@link TaskLedger}) the chunk they came from.
     */
    final Chunk<S> root;
    /** The position in {@link #root} of this chunk's first task. */
    final int offset;
    /** The slot whose worker died or timed out running these tasks, which should not get them again; or -1. */
    final int avoid;
    /**
     * Of a root chunk under a per-task failure policy, set by its first report ({@link TaskLedger}):
     * the failures of each task so far, and the tasks not yet settled.
     */
    int[] attempts;
    /** How often this chunk went back to the queue because its worker was found dead before it began. */
    int untouched;
    AtomicInteger unsettled;

    Chunk(Call<S, ?, ?> call, int seq, long firstIndex, Object[] tasks) {
        this.call = call;
        this.seq = seq;
        this.firstIndex = firstIndex;
        this.tasks = tasks;
        this.source = null;
        this.size = tasks.length;
        this.root = this;
        this.offset = 0;
        this.avoid = -1;
    }

    /**
     * The {@code size} tasks of {@code source} from {@code firstIndex} on, read where they are:
     * copying them out cost a trivial task about as much as running it.
     */
    Chunk(Call<S, ?, ?> call, int seq, int firstIndex, List<?> source, int size) {
        this.call = call;
        this.seq = seq;
        this.firstIndex = firstIndex;
        this.source = source;
        this.size = size;
        this.root = this;
        this.offset = 0;
        this.avoid = -1;
    }

    /** A re-run of the tasks {@code from … to-1} of {@code root}, kept away from slot {@code avoid} (-1: none). */
    Chunk(Chunk<S> root, int from, int to, int avoid) {
        this.call = root.call;
        this.seq = root.seq;
        this.firstIndex = root.firstIndex < 0 ? -1 : root.firstIndex + from;
        this.tasks = Arrays.copyOfRange(root.tasks(), from, to);
        this.source = null;
        this.size = to - from;
        this.root = root;
        this.offset = from;
        this.avoid = avoid;
    }

    @Override
    public Call<S, ?, ?> call() {
        return call;
    }

    @Override
    public int seq() {
        return seq;
    }

    /** How many tasks the chunk holds. */
    int size() {
        return size;
    }

    /** Task {@code position} of the chunk. */
    Object task(int position) {
        Object[] array = tasks;
        return array != null ? array[position] : source.get((int) firstIndex + position);
    }

    /** The chunk's tasks as an array (made from the list on first use for a chunk read in place). */
    Object[] tasks() {
        Object[] array = tasks;
        if (array == null) {
            array = source.subList((int) firstIndex, (int) firstIndex + size).toArray();
            tasks = array;
        }
        return array;
    }

    long taskIndex(int position) {
        return firstIndex < 0 ? -1 : firstIndex + position;
    }
}
