package io.mpire4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs calls of one method on one pool, typed by the pool's state so that workers can run them:
 * picks the kind of call, opens it on a generation, and always ends it (its events, its
 * registration, and with {@code keepAlive(false)} its workers). Immutable and thread-safe; each
 * call is confined to the thread that makes it (or pulls its stream).
 */
final class Dispatcher<S, T, R> {
    private final WorkerPool<S, ?> pool;
    final MethodSpec<S, T, R> spec;

    Dispatcher(WorkerPool<S, ?> pool, MethodSpec<S, T, R> spec) {
        this.pool = pool;
        this.spec = spec;
    }

    /** The events of a new multi-task call: its bar, if shown, and the pool listeners. */
    private CallEvents events(CallSettings settings) {
        String description = settings.description() != null ? settings.description() : spec.methodName();
        Progress bar = settings.progressBar() ? new ProgressBar(description, settings.progressStyle(), null) : Progress.NONE;
        return CallEvents.of(bar, pool.view(), spec.displayName(), description);
    }

    /** Makes a call on the generation the pool gives it and registers it; releases the generation if that fails. */
    private <C extends Call<S, T, R>> C open(Function<Generation<S, ?>, C> make) {
        Generation<S, ?> generation = pool.acquire();
        C call;
        try {
            call = make.apply(generation);
            generation.register(call);
            generation.startAll(call);
        } catch (RuntimeException e) {
            pool.release(generation);
            throw e;
        }
        return call;
    }

    /** Ends a call: unregisters it and, with keepAlive(false), stops its workers. */
    private void finish(Call<S, T, R> call, Throwable primary) {
        call.generation.unregister(call);
        try {
            pool.release(call.generation);
        } catch (RuntimeException e) {
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }

    /** Runs {@code body} on an opened call and ends it, whatever happens. */
    private <X> X run(Call<S, T, R> call, Supplier<X> body) {
        Throwable failure = null;
        try {
            X result = body.get();
            call.awaitStarted();
            call.progress.finish(Progress.Outcome.DONE);
            return result;
        } catch (RuntimeException | Error e) {
            failure = e;
            call.cancel("the call failed");
            call.progress.end(Progress.Outcome.FAILED, e);
            throw e;
        } finally {
            finish(call, failure);
        }
    }

    /**
     * Whether a call can let its workers claim ranges of the input themselves: an in-memory
     * random-access list, and no setting that asks for chunk-by-chunk dispatch (per-task failure
     * handling re-runs parts of chunks, which a range cannot carry).
     */
    private boolean rangeable(CallSettings settings, Iterable<? extends T> tasks) {
        return tasks instanceof List<?> && tasks instanceof RandomAccess && settings.maxTasksActive() == 0
                && settings.workerLifespan() == 0 && !pool.plan().orderTasks() && !settings.policy().perTask();
    }

    /** {@code map}, {@code mapUnordered} ({@code ordered == false}) and {@code forEach} ({@code keep == false}). */
    @SuppressWarnings("unchecked")
    List<R> collect(CallSettings settings, Iterable<? extends T> tasks, long length, boolean ordered, boolean keep) {
        Objects.requireNonNull(tasks, "tasks");
        CallPlan plan = CallPlan.resolve(settings, length, pool.plan().workers());
        if (rangeable(settings, tasks)) {
            List<? extends T> list = (List<? extends T>) tasks;
            RangedCall<S, T, R> call = open(g -> new RangedCall<>(spec, g, plan, ordered, list, keep, events(settings)));
            return run(call, () -> {
                call.progress.start(list.size());
                call.submitTickets(pool.plan().workers());
                Object[] results = call.await();
                return keep ? (List<R>) Collections.unmodifiableList(Arrays.asList(results)) : null;
            });
        }
        StreamingCall<S, T, R> call = open(g -> new StreamingCall<>(spec, g, plan, ordered, tasks.iterator(),
                events(settings)));
        return run(call, () -> {
            call.progress.start(length);
            List<R> out = keep ? new ArrayList<>(length >= 0 ? (int) Math.min(length, 1 << 20) : 16) : null;
            for (Chunk<S> chunk; (chunk = call.next()) != null; ) {
                if (keep) {
                    for (Object result : chunk.results) {
                        out.add((R) result);
                    }
                }
            }
            return keep ? Collections.unmodifiableList(out) : null;
        });
    }

    /** {@code imap} and {@code imapUnordered}: a lazy stream; closing it also closes {@code source}, if any. */
    Stream<R> stream(CallSettings settings, Iterator<? extends T> input, long length, boolean ordered,
            Stream<?> source) {
        CallPlan plan = CallPlan.resolve(settings, length, pool.plan().workers());
        LazyResults results = new LazyResults(settings, plan, input, length, ordered);
        Stream<R> stream = StreamSupport.stream(results, false).onClose(results::close);
        return source == null ? stream : stream.onClose(source::close);
    }

    /** {@code apply}: one task, its result or its failure on the calling thread. */
    R apply(CallSettings settings, T task) {
        SingleCall<S, T, R> call = single(settings);
        return run(call, () -> {
            call.submit(task);
            return call.await();
        });
    }

    /** {@code applyAsync}: the future completes on the thread that ends the call. */
    CompletableFuture<R> applyAsync(CallSettings settings, T task) {
        if (!pool.plan().keepAlive()) {
            // The call owns its workers and must stop them after the task: do that off the caller's thread.
            pool.requireOpen();
            CompletableFuture<R> future = new CompletableFuture<>();
            Thread.ofPlatform().name("mpire4j-apply").daemon(true).start(() -> {
                try {
                    future.complete(apply(settings, task));
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            });
            return future;
        }
        SingleCall<S, T, R> call = single(settings);
        CompletableFuture<R> future = call.future();
        future.whenComplete((result, error) -> {
            if (future.isCancelled()) {
                call.cancel("the future was cancelled");
            }
        });
        try {
            call.submit(task);
        } catch (RuntimeException e) {
            call.fail(() -> e);
        }
        return future;
    }

    private SingleCall<S, T, R> single(CallSettings settings) {
        return open(g -> new SingleCall<>(spec, g, CallPlan.single(settings)));
    }

    /** The spliterator behind imap: opens the call on the first pull, ends it when drained or closed. */
    private final class LazyResults extends Spliterators.AbstractSpliterator<R> {
        private final CallSettings settings;
        private final CallPlan plan;
        private final Iterator<? extends T> input;
        private final long length;
        private final boolean ordered;
        private StreamingCall<S, T, R> call;
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
                call = open(g -> new StreamingCall<>(spec, g, plan, ordered, input, events(settings)));
                call.progress.start(length);
            }
            try {
                while (chunk == null || position == chunk.results.length) {
                    chunk = call.next();
                    position = 0;
                    if (chunk == null) {
                        call.awaitStarted();
                        call.progress.finish(Progress.Outcome.DONE);
                        end(null);
                        return false;
                    }
                }
            } catch (RuntimeException | Error e) {
                call.progress.end(Progress.Outcome.FAILED, e);
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
                    finish(call, failure);
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
