package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerExit;
import io.mpire4j.annotations.WorkerId;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Sample 2: state that lives in each worker — init once, update per task, collect on exit.
 *
 * <p>{@code @WorkerInit} runs once in each worker, on that worker's thread, before its first task;
 * what it returns is the worker's state. A {@code @Parallel} method receives it through a
 * {@code @WorkerState} parameter: each worker has its own, and runs one task at a time, so the state
 * needs no locks. {@code @WorkerExit} runs when the worker stops; {@code exitResults()} returns one
 * value per worker, typed.
 *
 * <p>Here every worker counts word prefixes in the documents it happens to get, and the exits report
 * each worker's popular prefixes; their union is the answer.
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample02_WorkerState {

    /** A worker's private tally. Never shared, so a plain HashMap is right. */
    static final class PrefixCounter {
        final int worker;
        final Map<String, Integer> counts = new HashMap<>();
        int documents;

        PrefixCounter(int worker) {
            this.worker = worker;
        }
    }

    @WorkerInit
    static PrefixCounter start(@WorkerId int workerId) {
        return new PrefixCounter(workerId);
    }

    @Parallel
    static void count(@WorkerState PrefixCounter counter, String document) {
        counter.documents++;
        for (String word : document.split(" ")) {
            for (int length = 1; length <= Math.min(3, word.length()); length++) {
                counter.counts.merge(word.substring(0, length), 1, Integer::sum);
            }
        }
    }

    @WorkerExit
    static Set<String> popular(@WorkerState PrefixCounter counter) {
        System.out.printf("  worker %d saw %d documents%n", counter.worker, counter.documents);
        return counter.counts.entrySet().stream()
                .filter(e -> e.getKey().length() == 3 && e.getValue() > 40)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        String[] words = {"parallel", "paragraph", "worker", "workload", "state", "statement", "prefix", "press"};
        List<String> documents = IntStream.range(0, 400)
                .mapToObj(i -> IntStream.range(0, 20).mapToObj(w -> words[random.nextInt(words.length)])
                        .collect(Collectors.joining(" ")))
                .toList();

        try (Sample02_WorkerStateParallel pool = Sample02_WorkerStateParallel.create(PoolOptions.defaults().workers(3))) {
            pool.count().forEach(documents);
            pool.stopAndJoin(); // every worker runs popular(...) now
            List<Set<String>> perWorker = pool.exitResults();
            Set<String> union = new TreeSet<>();
            perWorker.forEach(union::addAll);
            System.out.println("popular prefixes per worker: " + perWorker);
            System.out.println("popular prefixes overall:    " + union);
        }
    }
}
