package io.mpire4j.benchmarks;

import java.util.List;

/**
 * How big and how often: the full suite, or the quick one for development.
 *
 * <p>The full suite uses the sizes of issue 4 and five timed trials at 1, 2 and 4 (oversubscribed)
 * workers, every peer. The quick suite keeps every workload but runs 1 and 2 workers, smaller
 * inputs and only the peers the targets compare ({@link #QUICK_PEERS}: the fastest Java peers and
 * mpire4j's threads, its progress bar and its child JVMs), also with five timed trials (the
 * verdicts need them); its numbers show trends, not the published results. {@code --peers} picks
 * any peer in either mode.
 *
 * @param imageSize the side of the numerical workload's square image
 * @param documents the stateful workload's document count
 * @param initRounds the expensive-init workload's rounds (calls on one kept-alive pool)
 * @param loadPasses how many passes of random draws the expensive-init model's load folds into its
 *     weights (about 1 ms each on the reference machine)
 * @param trialBudgetSeconds timed seconds after which a fork stops at {@link Fork#MIN_TRIALS} trials
 * @param trivialTasks the task count of {@code overhead-trivial}
 * @param busyTasks the task count of {@code overhead-10us}
 */
record Mode(String name, List<Integer> workers, int warmups, int trials, int imageSize, int documents,
        int initRounds, int loadPasses, double trialBudgetSeconds, int trivialTasks, int busyTasks) {

    static final Mode FULL = new Mode("full", List.of(1, 2, 4), 1, 5, 4000, 2000, 3, 1150, 15, 1_000_000, 100_000);

    static final Mode QUICK = new Mode("quick", List.of(1, 2), 1, 5, 1200, 300, 1, 150, 3, 200_000, 20_000);

    /** The peers of the quick suite (the full one runs all): what the README's targets compare. */
    static final List<String> QUICK_PEERS = List.of("serial", "executor", "forkjoin", "parallel-collectors",
            "mpire4j-threads", "mpire4j-threads-progress", "mpire4j-processes");

    /** Whether this mode runs {@code peer} when no {@code --peers} are given. */
    boolean runs(String peer) {
        return this == FULL || QUICK_PEERS.contains(peer);
    }

    static Mode named(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("mode must be full or quick, was " + name);
        };
    }

    /** Warm-up runs for a workload: the short overhead workloads get more, so the JIT has settled. */
    int warmupsFor(String workload) {
        return switch (workload) {
            case "overhead-trivial" -> warmups + 2;
            case "overhead-10us" -> warmups + 1;
            default -> warmups;
        };
    }

    /** A line for the output saying how this mode differs from the sizes. */
    String describe() {
        return this == FULL
                ? "full: issue 4 sizes, workers " + workers + ", " + warmups + " warm-up + " + trials + " timed trials"
                : "quick (reduced, for development): image " + imageSize + "² instead of 4000², " + documents
                        + " documents instead of 2000, model load about 1/8 as long and 1 round instead of 3, "
                        + trivialTasks + " instead of 1,000,000 trivial tasks, " + busyTasks
                        + " instead of 100,000 10-µs tasks, workers "
                        + workers + ", peers " + QUICK_PEERS + ", " + warmups + " warm-up + " + trials + " timed trials";
    }
}
