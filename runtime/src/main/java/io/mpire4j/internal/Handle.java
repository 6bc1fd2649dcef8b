package io.mpire4j.internal;

import io.mpire4j.ParallelMethod;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one implementation of {@link ParallelMethod}: settings plus dispatch to the pool's calls.
 * Immutable and thread-safe; see the interface for the contract of each method.
 */
final class Handle<T, R> implements ParallelMethod<T, R> {
    private final WorkerPool<?, ?> pool;
    private final Runner<?, T, R> runner;
    private final CallSettings settings;

    <S> Handle(WorkerPool<S, ?> pool, MethodSpec<S, T, R> spec, CallSettings settings) {
        this(pool, new Runner<>(pool, spec), settings);
    }

    private Handle(WorkerPool<?, ?> pool, Runner<?, T, R> runner, CallSettings settings) {
        this.pool = pool;
        this.runner = runner;
        this.settings = settings;
    }

    private ParallelMethod<T, R> with(CallSettings changed) {
        return new Handle<>(pool, runner, changed);
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

    /** Runs calls of one method on one pool; typed by the pool's state so workers can call it. */
    private static final class Runner<S, T, R> {
        final WorkerPool<S, ?> pool;
        final MethodSpec<S, T, R> spec;

        Runner(WorkerPool<S, ?> pool, MethodSpec<S, T, R> spec) {
            this.pool = pool;
            this.spec = spec;
        }

        private Call<S, T, R> open(CallSettings settings, CallPlan plan, Iterator<? extends T> input, long length,
                boolean ordered, boolean single, Call.Completion<S> completion) {
            Generation<S, ?> generation = pool.acquire();
            Progress progress = progress(settings, single);
            Call<S, T, R> call = new Call<>(spec, generation, plan, ordered, input, single, progress, completion);
            try {
                generation.register(call);
            } catch (RuntimeException e) {
                release(generation);
                throw e;
            }
            progress.start(length);
            return call;
        }

        private Progress progress(CallSettings settings, boolean single) {
            return settings.progressBar() && !single
                    ? new ProgressBar(settings.description() != null ? settings.description() : spec.methodName(),
                            settings.progressStyle(), null)
                    : Progress.NONE;
        }

        private void release(Generation<S, ?> generation) {
            pool.release(generation);
        }

        /** Ends a call: unregisters it and, with keepAlive(false), stops its workers. */
        private void finishCall(Call<S, T, R> call, Throwable primary) {
            call.generation.unregister(call);
            try {
                release(call.generation);
            } catch (RuntimeException e) {
                if (primary == null) {
                    throw e;
                }
                primary.addSuppressed(e);
            }
        }

        /**
         * Whether a call can let its workers claim ranges of the input themselves: an in-memory
         * random-access list, and no setting that asks for chunk-by-chunk dispatch.
         */
        private boolean rangeable(CallSettings settings, Iterable<? extends T> tasks) {
            return tasks instanceof List<?> && tasks instanceof RandomAccess && settings.maxTasksActive() == 0
                    && settings.workerLifespan() == 0 && !pool.plan().orderTasks();
        }

        @SuppressWarnings("unchecked")
        List<R> collect(CallSettings settings, Iterable<? extends T> tasks, long length, boolean ordered, boolean keep) {
            Objects.requireNonNull(tasks, "tasks");
            CallPlan plan = CallPlan.resolve(settings, length, pool.plan().workers());
            if (rangeable(settings, tasks)) {
                return collectRanges(settings, plan, (List<? extends T>) tasks, ordered, keep);
            }
            Call<S, T, R> call = open(settings, plan, tasks.iterator(), length, ordered, false, null);
            List<R> out = keep ? new ArrayList<>(length >= 0 ? (int) Math.min(length, 1 << 20) : 16) : null;
            Throwable failure = null;
            try {
                for (Chunk<S> chunk; (chunk = call.next()) != null; ) {
                    if (keep) {
                        for (Object result : chunk.results) {
                            out.add((R) result);
                        }
                    }
                }
                call.progress.finish(Progress.Outcome.DONE);
                return keep ? Collections.unmodifiableList(out) : null;
            } catch (RuntimeException | Error e) {
                failure = e;
                call.cancel("the call failed");
                call.progress.finish(Progress.Outcome.FAILED);
                throw e;
            } finally {
                finishCall(call, failure);
            }
        }

        @SuppressWarnings("unchecked")
        private List<R> collectRanges(CallSettings settings, CallPlan plan, List<? extends T> tasks, boolean ordered,
                boolean keep) {
            Generation<S, ?> generation = pool.acquire();
            Progress progress = progress(settings, false);
            Call<S, T, R> call = Call.ranged(spec, generation, plan, ordered, tasks, keep, progress);
            try {
                generation.register(call);
            } catch (RuntimeException e) {
                release(generation);
                throw e;
            }
            progress.start(tasks.size());
            Throwable failure = null;
            try {
                call.submitTickets(pool.plan().workers());
                Object[] results = call.awaitRanges();
                call.progress.finish(Progress.Outcome.DONE);
                return keep ? (List<R>) Collections.unmodifiableList(Arrays.asList(results)) : null;
            } catch (RuntimeException | Error e) {
                failure = e;
                call.cancel("the call failed");
                call.progress.finish(Progress.Outcome.FAILED);
                throw e;
            } finally {
                finishCall(call, failure);
            }
        }

        Stream<R> stream(CallSettings settings, Iterator<? extends T> input, long length, boolean ordered,
                Stream<?> source) {
            CallPlan plan = CallPlan.resolve(settings, length, pool.plan().workers());
            LazyResults results = new LazyResults(settings, plan, input, length, ordered);
            Stream<R> stream = StreamSupport.stream(results, false).onClose(results::close);
            return source == null ? stream : stream.onClose(source::close);
        }

        @SuppressWarnings("unchecked")
        R apply(CallSettings settings, T task) {
            Call<S, T, R> call = open(settings, CallPlan.single(settings), null, 1, true, true, null);
            Throwable failure = null;
            try {
                call.submitSingle(task);
                Chunk<S> chunk = call.next();
                return (R) chunk.results[0];
            } catch (RuntimeException | Error e) {
                failure = e;
                call.cancel("the call failed");
                throw e;
            } finally {
                finishCall(call, failure);
            }
        }

        @SuppressWarnings("unchecked")
        CompletableFuture<R> applyAsync(CallSettings settings, T task) {
            CompletableFuture<R> future = new CompletableFuture<>();
            if (!pool.plan().keepAlive()) {
                // The call owns its workers and must stop them after the task: do that off the caller's thread.
                pool.requireOpen();
                Thread.ofPlatform().name("mpire4j-apply").daemon(true).start(() -> {
                    try {
                        future.complete(apply(settings, task));
                    } catch (RuntimeException | Error e) {
                        future.completeExceptionally(e);
                    }
                });
                return future;
            }
            Call<S, T, R>[] holder = new Call[1];
            Call.Completion<S> completion = new Call.Completion<>() {
                @Override
                public void completed(Chunk<S> chunk) {
                    holder[0].generation.unregister(holder[0]);
                    future.complete((R) chunk.results[0]);
                }

                @Override
                public void failed(java.util.function.Supplier<? extends RuntimeException> reason) {
                    holder[0].generation.unregister(holder[0]);
                    future.completeExceptionally(reason.get());
                }
            };
            Call<S, T, R> call = open(settings, CallPlan.single(settings), null, 1, true, true, completion);
            holder[0] = call;
            future.whenComplete((result, error) -> {
                if (future.isCancelled()) {
                    call.cancel("the future was cancelled");
                }
            });
            try {
                call.submitSingle(task);
            } catch (RuntimeException e) {
                call.fail(() -> e);
            }
            return future;
        }

        /** The spliterator behind imap: opens the call on the first pull, ends it when drained or closed. */
        private final class LazyResults extends Spliterators.AbstractSpliterator<R> {
            private final CallSettings settings;
            private final CallPlan plan;
            private final Iterator<? extends T> input;
            private final long length;
            private final boolean ordered;
            private Call<S, T, R> call;
            private Chunk<S> chunk;
            private int position;
            private boolean ended;

            LazyResults(CallSettings settings, CallPlan plan, Iterator<? extends T> input, long length, boolean ordered) {
                super(length >= 0 ? length : Long.MAX_VALUE, Spliterator.ORDERED);
                this.settings = settings;
                this.plan = plan;
                this.input = input;
                this.length = length;
                this.ordered = ordered;
            }

            @Override
            @SuppressWarnings("unchecked")
            public boolean tryAdvance(Consumer<? super R> action) {
                if (ended) {
                    return false;
                }
                if (call == null) {
                    call = open(settings, plan, input, length, ordered, false, null);
                }
                try {
                    while (chunk == null || position == chunk.results.length) {
                        chunk = call.next();
                        position = 0;
                        if (chunk == null) {
                            call.progress.finish(Progress.Outcome.DONE);
                            end(null);
                            return false;
                        }
                    }
                } catch (RuntimeException | Error e) {
                    call.progress.finish(Progress.Outcome.FAILED);
                    end(e);
                    throw e;
                }
                action.accept((R) chunk.results[position++]);
                return true;
            }

            private void end(Throwable failure) {
                if (!ended) {
                    ended = true;
                    chunk = null;
                    if (call != null) {
                        call.cancel("the stream was closed");
                        finishCall(call, failure);
                    }
                }
            }

            void close() {
                if (call != null && !ended) {
                    call.progress.finish(Progress.Outcome.CANCELLED);
                }
                end(null);
            }
        }
    }
}
