package io.mpire4j.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One task ({@code apply}, {@code applyAsync}): its chunk of one, and the future it completes. The
 * future is completed on the thread that ends the call (the worker, the watchdog, a terminating
 * pool); {@link #await()} serves the synchronous {@code apply}.
 */
final class SingleCall<S, T, R> extends Call<S, T, R> {
    private final CompletableFuture<R> future = new CompletableFuture<>();
    /** The task's result, once in; handed to the future when no worker is still starting. */
    private volatile Object result;
    private volatile boolean resultIn;
    private final AtomicBoolean delivered = new AtomicBoolean();

    SingleCall(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan) {
        super(method, generation, plan, CallEvents.NONE);
    }

    /** Queues the task. */
    void submit(T task) {
        generation.submit(new Chunk<>(this, 0, -1, new Object[] {task}));
    }

    CompletableFuture<R> future() {
        return future;
    }

    @Override
    void completed(Chunk<S> chunk) {
        if (markDone(null)) {
            result = chunk.results[0];
            resultIn = true;
            if (!stillStarting()) {
                deliver();
            }
        }
    }

    @Override
    void allStarted() {
        if (resultIn) {
            deliver();
        }
    }

    @Override
    void lateFailed(Supplier<? extends RuntimeException> reason) {
        if (delivered.compareAndSet(false, true)) {
            complete(reason);
        }
    }

    /** Completes the future with the result, once; an init failure that came first wins. */
    @SuppressWarnings("unchecked")
    private void deliver() {
        if (delivered.compareAndSet(false, true)) {
            Supplier<? extends RuntimeException> failure = failureReason();
            if (failure != null) {
                complete(failure);
                return;
            }
            generation.unregister(this); // before the future completes, so the pool is free for what follows
            future.complete((R) result);
        }
    }

    @Override
    void failed(Supplier<? extends RuntimeException> reason) {
        if (delivered.compareAndSet(false, true)) {
            complete(reason);
        }
    }

    private void complete(Supplier<? extends RuntimeException> reason) {
        generation.unregister(this);
        RuntimeException failure;
        try {
            failure = reason.get();
        } catch (RuntimeException | Error e) {
            failure = new IllegalStateException("mpire4j could not build the failure report of " + method.displayName(), e);
        }
        future.completeExceptionally(failure);
    }

    /**
     * Waits for the result; throws the call's failure, built on this thread so that its stack shows
     * the caller. An interrupt cancels the task and keeps the interrupt flag. Called by the thread
     * that made the call.
     */
    R await() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel("interrupted while waiting for the result of " + method.displayName());
        } catch (ExecutionException e) {
            // the failure below
        }
        lock.lock();
        try {
            throwIfFailed();
        } finally {
            lock.unlock();
        }
        throw new IllegalStateException(method.displayName() + " ended without a result"); // cannot happen
    }
}
