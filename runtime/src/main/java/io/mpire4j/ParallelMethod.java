package io.mpire4j;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import java.util.stream.Collector;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The typed handle of one {@code @Parallel} method: {@code pool.isPrime()} in generated code.
 *
 * <pre>{@code
 * List<Boolean> flags = pool.isPrime().chunkSize(100).map(numbers);     // input order
 * try (Stream<Boolean> lazy = pool.isPrime().imap(numbers.stream())) {  // pulled as consumed
 *     lazy.limit(10).forEach(System.out::println);                      // closing cancels the rest
 * }
 * }</pre>
 *
 * <p>Obtained from a generated class only; immutable and thread-safe: each setting returns a new handle, and any number of threads may
 * run calls through one handle at once. Every call runs its tasks on the pool's workers, never on
 * the calling thread. Input is read lazily on the thread that makes the call (or pulls the stream),
 * at most {@link #maxTasksActive(int) maxTasksActive} tasks ahead of the results handed out.
 *
 * <p>If a task throws, the call fails with {@link TaskFailedException} (its cause is what the task
 * threw), the call's remaining tasks are cancelled and the pool stays usable. To get every task's
 * fate instead, call through {@link #outcomes()}; to run failed tasks again, set
 * {@link #retries(int)}. Settings are checked when set, or at the latest when a call starts, before
 * any input is read.
 *
 * @param <T> the task type: the method's one task argument (boxed), or its generated
 *     {@code <Method>Args} record
 * @param <R> the result type (boxed; {@code Void} for {@code void} methods)
 */
public interface ParallelMethod<T, R> {
    /**
     * Tasks per chunk: a worker takes a chunk at a time, so larger chunks cost less bookkeeping and
     * smaller ones balance uneven tasks better. Default: {@code tasks / (64 × workers)} when the
     * number of tasks is known, else 1.
     */
    ParallelMethod<T, R> chunkSize(int chunkSize);

    /**
     * Cut the input into this many chunks instead of setting {@link #chunkSize(int)}; needs an input
     * of known size (a {@code Collection}, or {@link #length(long)}).
     */
    ParallelMethod<T, R> splits(int splits);

    /**
     * The most tasks read from the input but not yet handed to the caller: bounds how far input is
     * read ahead and how many out-of-order results an ordered call buffers. Must be at least the
     * chunk size. Default: {@code 2 × workers × chunkSize}.
     */
    ParallelMethod<T, R> maxTasksActive(int maxTasksActive);

    /**
     * Restart a worker (exit, then a fresh worker with fresh state and the same id) before it would
     * complete more than this many tasks; chunks are capped at this size. Default: never.
     */
    ParallelMethod<T, R> workerLifespan(int tasks);

    /**
     * Fail the call with {@link TaskTimeoutException} when one task runs longer than this. The worker
     * is interrupted and, if it does not return within 100 ms, abandoned and replaced. Default: no
     * limit.
     */
    ParallelMethod<T, R> taskTimeout(Duration timeout);

    /**
     * Show a progress bar on stderr while the call runs. Default {@code false}. In a terminal the bar
     * is redrawn in place, fits the terminal's width, and lines the program prints meanwhile appear
     * above it; elsewhere (stderr redirected, CI) it prints plain lines.
     */
    ParallelMethod<T, R> progressBar(boolean show);

    /** The progress bar's label (tqdm's {@code desc}). Default: the method's name. */
    ParallelMethod<T, R> description(String description);

    /**
     * What the progress bar counts, in the plural (tqdm's {@code unit}): {@code unit("files")} shows
     * {@code 42 files [00:01, 40.12 files/s]}, and {@code 2.50 s/file} when slower than one a
     * second. Default {@code "tasks"}.
     */
    ParallelMethod<T, R> unit(String unit);

    /**
     * Whether a finished progress bar stays on the terminal ({@code true}, the default) or is
     * cleared (tqdm's {@code leave}). Plain lines (stderr redirected, CI) always end with the final
     * line.
     */
    ParallelMethod<T, R> leave(boolean leave);

    /**
     * The stream the progress bar goes to (tqdm's {@code file}). Default: {@code System.err} as it is
     * when the call starts. Bars are redrawn in place only on the JVM's stdout or stderr when that is
     * a terminal; any other stream gets plain lines.
     */
    ParallelMethod<T, R> progressStream(PrintStream stream);

    /**
     * The number of tasks, for inputs whose size is not known up front (an {@code Iterator} or
     * {@code Stream}): used for default chunking, {@link #splits(int)} and as the progress bar's
     * total (tqdm's {@code total}); without it such a bar counts tasks with no percentage.
     */
    ParallelMethod<T, R> length(long tasks);

    /**
     * A handle whose calls hand out every task's {@link Outcome} instead of failing: a task that
     * throws, runs past {@link #taskTimeout(Duration) taskTimeout} or whose worker dies becomes an
     * {@link Outcome.Failure} (after any {@link #retries(int) retries}) and the other tasks carry on.
     * Every call of the new handle gives exactly one outcome per input element:
     * {@code map} in input order, {@code mapUnordered} in completion order, {@code imap} and
     * {@code imapUnordered} lazily, {@code apply} one. What is not a task's failure still fails the
     * call: a {@code @WorkerInit} failure, a closed or terminated pool, an input that throws.
     *
     * <p>A task that fails, times out or dies is run on its own: on a timeout or a death, the other
     * tasks of its chunk that had not reported are run again (their results were lost with the worker).
     *
     * @throws IllegalStateException if this handle already hands out outcomes
     */
    ParallelMethod<T, Outcome<R>> outcomes();

    /**
     * Runs a failed task again, up to {@code retries} more times, before its failure counts: a task
     * that threw, ran past its timeout or whose worker died (a retry after a timeout or a death runs
     * on another worker when the pool has more than one). Each result is still handed out exactly
     * once. Without {@link #outcomes()} the call fails with the last failure once a task has no
     * retries left. Retries show in {@link Insights}. Default 0.
     *
     * @throws IllegalArgumentException if {@code retries} is negative
     */
    ParallelMethod<T, R> retries(int retries);

    /**
     * As {@link #retries(int)}, waiting {@code backoff} before the first retry of a task and twice as
     * long before each further retry of it (at most 10 minutes). The wait holds no worker.
     *
     * @throws IllegalArgumentException if {@code retries} or {@code backoff} is negative, or
     *     {@code backoff} is null
     */
    ParallelMethod<T, R> retries(int retries, Duration backoff);

    /**
     * Which failures get a {@link #retries(int) retry}; default: all. The predicate sees the failure a
     * call would throw ({@link TaskTimeoutException}, {@link WorkerDiedException} or a
     * {@link TaskFailedException} whose cause the task threw) and runs on a pool thread, so it must be
     * quick; if it throws, the task is not retried and what it threw is added to the failure as
     * suppressed.
     */
    ParallelMethod<T, R> retryIf(Predicate<? super TaskFailedException> when);

    /**
     * Runs the method on every task; returns the results in input order, as an unmodifiable list.
     * Over a {@code RandomAccess} list (and without {@code maxTasksActive}, {@code workerLifespan}
     * or {@code orderTasks}) the workers read their ranges of the list themselves, as a parallel
     * stream would: do not modify the list while the call runs.
     */
    List<R> map(Iterable<? extends T> tasks);

    /** Runs the method on every task; returns the results in the order they finish (unmodifiable). */
    List<R> mapUnordered(Iterable<? extends T> tasks);

    /** Runs the method on every task and waits for all of them, keeping no results. */
    void forEach(Iterable<? extends T> tasks);

    /**
     * A lazy stream of results in input order: nothing is read or run before the first element is
     * pulled, and closing the stream cancels the tasks not yet run. Works with infinite input.
     */
    Stream<R> imap(Iterable<? extends T> tasks);

    /** As {@link #imap(Iterable)}, over an iterator that is read on the thread pulling the stream. */
    Stream<R> imap(Iterator<? extends T> tasks);

    /** As {@link #imap(Iterable)}; closing the result closes {@code tasks}. */
    Stream<R> imap(Stream<? extends T> tasks);

    /** As {@link #imap(Iterable)}, but results come in the order they finish. */
    Stream<R> imapUnordered(Iterable<? extends T> tasks);

    /** As {@link #imap(Iterator)}, but results come in the order they finish. */
    Stream<R> imapUnordered(Iterator<? extends T> tasks);

    /** As {@link #imap(Stream)}, but results come in the order they finish. */
    Stream<R> imapUnordered(Stream<? extends T> tasks);

    /**
     * Runs the method on every task and folds the results into one with {@code merge}, on the
     * calling thread, in input order as they arrive ({@code merge} need only be associative, as for
     * {@link Stream#reduce(BinaryOperator)}); no list of results is kept. The call's own reduction:
     * each task returns a partial result (a map of counts, say) and the call hands back the merged
     * whole, so two calls on one pool never mix their partials, whatever the workers keep.
     *
     * <pre>{@code
     * Map<String, Stats> stations = pool.aggregate()
     *         .reduce(FileRanges.lines(file, 64), Stats::mergeMaps)
     *         .orElse(Map.of());
     * }</pre>
     *
     * @return the merged result; empty when there are no tasks (a {@code null} result of the merge
     *     also gives empty)
     * @throws TaskFailedException if a task fails (the remaining tasks are cancelled); an exception
     *     thrown by {@code merge} also cancels them and reaches the caller as is
     */
    Optional<R> reduce(Iterable<? extends T> tasks, BinaryOperator<R> merge);

    /**
     * Runs the method on every task and collects the results with {@code collector} on the calling
     * thread as they arrive, as {@link Stream#collect(Collector)} does (in input order, unless the
     * collector is {@link Collector.Characteristics#UNORDERED UNORDERED}, when they are taken as
     * they finish); no list of results is kept. For example
     * {@code collect(files, Collectors.summingLong(Long::longValue))} or
     * {@code collect(ranges, Collectors.reducing(Map.of(), Stats::mergeMaps))}.
     *
     * @throws TaskFailedException if a task fails (the remaining tasks are cancelled); an exception
     *     thrown by the collector also cancels them and reaches the caller as is
     */
    <A, X> X collect(Iterable<? extends T> tasks, Collector<? super R, A, X> collector);

    /** Runs one task on a worker and returns its result; its task index is {@code -1}. */
    R apply(T task);

    /**
     * Runs one task on a worker. The future completes with the result, or exceptionally with the
     * same {@link TaskFailedException} that {@link #apply} would throw. It is completed on the worker
     * thread, so dependent stages added without an executor run there: pass your own executor to
     * the {@code *Async} stage methods for anything slow. Cancelling the future cancels the task if
     * it has not started.
     */
    CompletableFuture<R> applyAsync(T task);
}
