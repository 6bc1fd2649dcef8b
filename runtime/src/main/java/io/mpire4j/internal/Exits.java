package io.mpire4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a generation's workers leave behind when they exit: their {@code @WorkerExit} results, in
 * arrival order, and the failures of the exits that threw or ran late. Written by worker threads
 * and the watchdog, read by the pool; thread-safe (every method is synchronized).
 *
 * <p>A failure is kept as a recipe and made into its exception only by {@link #throwFailures()},
 * on the thread that stops the workers, so that its stack trace shows the caller's frames (as a
 * {@code TaskFailedException} does), not only the worker's.
 */
final class Exits<E> {
    private final List<E> results = new ArrayList<>();
    private final List<Supplier<? extends RuntimeException>> failures = new ArrayList<>();

    synchronized void result(E result) {
        results.add(result);
    }

    synchronized void failed(Supplier<? extends RuntimeException> failure) {
        failures.add(failure);
    }

    /** A snapshot of the results so far. */
    synchronized List<E> results() {
        return Collections.unmodifiableList(new ArrayList<>(results));
    }

    /** Throws the first failure not thrown yet, the later ones suppressed in it; then forgets them. */
    synchronized void throwFailures() {
        if (failures.isEmpty()) {
            return;
        }
        RuntimeException first = failures.get(0).get();
        for (Supplier<? extends RuntimeException> other : failures.subList(1, failures.size())) {
            first.addSuppressed(other.get());
        }
        failures.clear();
        throw first;
    }
}
