package io.mpire4j.internal;

import io.mpire4j.Outcome;
import io.mpire4j.ParallelMethod;
import io.mpire4j.TaskFailedException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.stream.Collector;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one implementation of {@link ParallelMethod}: its settings, and a {@link Dispatcher} that runs
 * the calls.
 * Immutable and thread-safe; see the interface for the contract of each method.
 */
final class Handle<T, R> implements ParallelMethod<T, R> {
    private final Dispatcher<?, T, R> runner;
    private final CallSettings settings;

    <S> Handle(WorkerPool<S, ?> pool, MethodSpec<S, T, R> spec, CallSettings settings) {
        this(new Dispatcher<>(pool, spec), settings);
    }

    private Handle(Dispatcher<?, T, R> runner, CallSettings settings) {
        this.runner = runner;
        this.settings = settings;
    }

    private ParallelMethod<T, R> with(CallSettings changed) {
        return new Handle<>(runner, changed);
    }

    // ---------------------------------------------------------------- settings

    @Override
    public ParallelMethod<T, R> chunkSize(int chunkSize) {
        Preconditions.requirePositive("chunkSize", chunkSize);
        return with(settings.withChunkSize(chunkSize));
    }

    @Override
    public ParallelMethod<T, R> splits(int splits) {
        Preconditions.requirePositive("splits", splits);
        return with(settings.withSplits(splits));
    }

    @Override
    public ParallelMethod<T, R> maxTasksActive(int maxTasksActive) {
        Preconditions.requirePositive("maxTasksActive", maxTasksActive);
        return with(settings.withMaxTasksActive(maxTasksActive));
    }

    @Override
    public ParallelMethod<T, R> workerLifespan(int tasks) {
        Preconditions.requirePositive("workerLifespan", tasks);
        return with(settings.withWorkerLifespan(tasks));
    }

    @Override
    public ParallelMethod<T, R> taskTimeout(Duration timeout) {
        Preconditions.requirePositive("taskTimeout", timeout);
        return with(settings.withTaskTimeout(timeout));
    }

    @Override
    public ParallelMethod<T, R> progressBar(boolean show) {
        return with(settings.withProgressBar(show));
    }

    @Override
    public ParallelMethod<T, R> description(String description) {
        Objects.requireNonNull(description, "description");
        return with(settings.withDescription(description));
    }

    @Override
    public ParallelMethod<T, R> unit(String unit) {
        Preconditions.requireNonBlank("unit", unit);
        return with(settings.withProgressStyle(settings.progressStyle().withUnit(unit)));
    }

    @Override
    public ParallelMethod<T, R> leave(boolean leave) {
        return with(settings.withProgressStyle(settings.progressStyle().withLeave(leave)));
    }

    @Override
    public ParallelMethod<T, R> progressStream(PrintStream stream) {
        Objects.requireNonNull(stream, "stream");
        return with(settings.withProgressStyle(settings.progressStyle().withStream(stream)));
    }

    @Override
    public ParallelMethod<T, R> length(long tasks) {
        Preconditions.requireNonNegative("length", tasks);
        return with(settings.withLength(tasks));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ParallelMethod<T, Outcome<R>> outcomes() {
        if (settings.policy().outcomes()) {
            throw new IllegalStateException("outcomes() was already called on this handle: it hands out outcomes");
        }
        // The same dispatcher: with outcomes set, every result it hands out is an Outcome<R>.
        return new Handle<>((Dispatcher<?, T, Outcome<R>>) (Dispatcher) runner,
                settings.withPolicy(settings.policy().withOutcomes()));
    }

    @Override
    public ParallelMethod<T, R> retries(int retries) {
        return retries(retries, settings.policy().backoff());
    }

    @Override
    public ParallelMethod<T, R> retries(int retries, Duration backoff) {
        Preconditions.requireNonNegative("retries", retries);
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be a Duration >= 0, was " + backoff);
        }
        return with(settings.withPolicy(settings.policy().withRetries(retries, backoff)));
    }

    @Override
    public ParallelMethod<T, R> retryIf(Predicate<? super TaskFailedException> when) {
        if (when == null) {
            throw new IllegalArgumentException("retryIf needs a predicate, was null");
        }
        return with(settings.withPolicy(settings.policy().withRetryIf(when)));
    }

    // ---------------------------------------------------------------- calls

    @Override
    public List<R> map(Iterable<? extends T> tasks) {
        return runner.collect(settings, tasks, length(tasks), true, true);
    }

    @Override
    public List<R> mapUnordered(Iterable<? extends T> tasks) {
        return runner.collect(settings, tasks, length(tasks), false, true);
    }

    @Override
    public void forEach(Iterable<? extends T> tasks) {
        runner.collect(settings, tasks, length(tasks), true, false);
    }

    @Override
    public Stream<R> imap(Iterable<? extends T> tasks) {
        return runner.stream(settings, input(tasks), length(tasks), true, null);
    }

    @Override
    public Stream<R> imap(Iterator<? extends T> tasks) {
        return runner.stream(settings, Objects.requireNonNull(tasks, "tasks"), settings.length(), true, null);
    }

    @Override
    public Stream<R> imap(Stream<? extends T> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return runner.stream(settings, tasks.iterator(), settings.length(), true, tasks);
    }

    @Override
    public Stream<R> imapUnordered(Iterable<? extends T> tasks) {
        return runner.stream(settings, input(tasks), length(tasks), false, null);
    }

    @Override
    public Stream<R> imapUnordered(Iterator<? extends T> tasks) {
        return runner.stream(settings, Objects.requireNonNull(tasks, "tasks"), settings.length(), false, null);
    }

    @Override
    public Stream<R> imapUnordered(Stream<? extends T> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return runner.stream(settings, tasks.iterator(), settings.length(), false, tasks);
    }

    @Override
    public Optional<R> reduce(Iterable<? extends T> tasks, BinaryOperator<R> merge) {
        Objects.requireNonNull(merge, "merge");
        try (Stream<R> results = imap(tasks)) {
            Iterator<R> each = results.iterator();
            if (!each.hasNext()) {
                return Optional.empty();
            }
            R merged = each.next();
            while (each.hasNext()) {
                merged = merge.apply(merged, each.next());
            }
            return Optional.ofNullable(merged);
        }
    }

    @Override
    public <A, X> X collect(Iterable<? extends T> tasks, Collector<? super R, A, X> collector) {
        Objects.requireNonNull(collector, "collector");
        boolean unordered = collector.characteristics().contains(Collector.Characteristics.UNORDERED);
        A container = collector.supplier().get();
        BiConsumer<A, ? super R> accumulator = collector.accumulator();
        try (Stream<R> results = unordered ? imapUnordered(tasks) : imap(tasks)) {
            Iterator<R> each = results.iterator();
            while (each.hasNext()) {
                accumulator.accept(container, each.next());
            }
        }
        return collector.finisher().apply(container);
    }

    @Override
    public R apply(T task) {
        return runner.apply(settings, task);
    }

    @Override
    public CompletableFuture<R> applyAsync(T task) {
        return runner.applyAsync(settings, task);
    }

    private static <T> Iterator<? extends T> input(Iterable<? extends T> tasks) {
        return Objects.requireNonNull(tasks, "tasks").iterator();
    }

    private long length(Iterable<?> tasks) {
        if (settings.length() >= 0) {
            return settings.length();
        }
        return tasks instanceof Collection<?> c ? c.size() : -1;
    }

    @Override
    public String toString() {
        return "ParallelMethod[" + runner.spec.displayName() + ", " + settings + "]";
    }
}
