package io.mpire4j.benchmarks;

import com.pivovarit.collectors.ParallelCollectors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The non-mpire4j peers of a stateless map ({@code tasks → fn(task)}, results in input order), each
 * written the way its users write it. Every method
 * creates its pool, runs the work and shuts the pool down (Java 21 executors are
 * {@link AutoCloseable}: {@code close()} waits for termination), so pool start-up and shutdown are
 * inside the timed region as they are for mpire4j.
 */
final class MapPeers {
    private MapPeers() {}

    static <T, R> List<R> map(String peer, int workers, List<T> tasks, Function<T, R> fn) throws Exception {
        return switch (peer) {
            case "serial" -> serial(tasks, fn);
            case "executor" -> executor(workers, tasks, fn);
            case "forkjoin" -> forkJoin(workers, tasks, fn);
            case "virtual" -> virtual(workers, tasks, fn);
            case "parallel-collectors" -> parallelCollectors(workers, tasks, fn);
            case "parallel-collectors-batching" -> parallelCollectorsBatching(workers, tasks, fn);
            default -> throw new IllegalArgumentException("not a map peer: " + peer);
        };
    }

    /** A plain loop on the calling thread. */
    static <T, R> List<R> serial(List<T> tasks, Function<T, R> fn) {
        List<R> results = new ArrayList<>(tasks.size());
        for (T task : tasks) {
            results.add(fn.apply(task));
        }
        return results;
    }

    /** A fixed thread pool, one {@code Callable} per task, {@code invokeAll}. */
    static <T, R> List<R> executor(int workers, List<T> tasks, Function<T, R> fn) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Callable<R>> calls = new ArrayList<>(tasks.size());
            for (T task : tasks) {
                calls.add(() -> fn.apply(task));
            }
            List<R> results = new ArrayList<>(tasks.size());
            for (Future<R> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        }
    }

    /** A parallel stream inside a dedicated {@code ForkJoinPool} (never the common pool). */
    static <T, R> List<R> forkJoin(int workers, List<T> tasks, Function<T, R> fn) throws Exception {
        try (ForkJoinPool pool = new ForkJoinPool(workers)) {
            return pool.submit(() -> tasks.parallelStream().map(fn).toList()).get();
        }
    }

    /** A virtual thread per task, at most {@code workers} running at once (a {@code Semaphore}). */
    static <T, R> List<R> virtual(int workers, List<T> tasks, Function<T, R> fn) throws Exception {
        Semaphore running = new Semaphore(workers);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>(tasks.size());
            for (T task : tasks) {
                futures.add(threads.submit(() -> {
                    running.acquire();
                    try {
                        return fn.apply(task);
                    } finally {
                        running.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>(tasks.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    /** {@code ParallelCollectors.parallel} on a fixed pool, one future per task, input order. */
    static <T, R> List<R> parallelCollectors(int workers, List<T> tasks, Function<T, R> fn) {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            return tasks.stream().collect(ParallelCollectors.parallel(fn, Collectors.toList(), pool, workers)).join();
        }
    }

    /** {@code ParallelCollectors.Batching.parallel}: the input split into one batch per worker. */
    static <T, R> List<R> parallelCollectorsBatching(int workers, List<T> tasks, Function<T, R> fn) {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            return tasks.stream()
                    .collect(ParallelCollectors.Batching.parallel(fn, Collectors.toList(), pool, workers))
                    .join();
        }
    }
}
