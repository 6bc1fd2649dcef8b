package com.example.consumer;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.annotations.Parallel;
import java.util.List;

/**
 * A user's program: one {@code @Parallel} method, run on child JVMs. Exits with status 1 (or an
 * exception) when the results are wrong, so that {@code exec:java} and {@code java -jar} fail the
 * build.
 */
public final class WordCount {

    @Parallel
    static int words(String line) {
        String trimmed = line.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** Counts the words of {@code lines} on two child JVMs. */
    static List<Integer> countOnChildJvms(List<String> lines) {
        try (WordCountParallel pool = WordCountParallel.create(
                PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES))) {
            return pool.words().map(lines);
        }
    }

    public static void main(String[] args) {
        List<Integer> counts = countOnChildJvms(List.of("the quick brown fox", "", "jumps over", "the lazy dog"));
        System.out.println("word counts from child JVMs: " + counts);
        if (!counts.equals(List.of(4, 0, 2, 3))) {
            throw new IllegalStateException("wrong counts: " + counts);
        }
    }
}
