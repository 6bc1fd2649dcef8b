package io.mpire4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One measurement JVM: runs one workload with one peer and one worker count, warm-ups first, then
 * the timed trials, and prints one result line on stdout for {@link Runner}:
 * {@code RESULT <tab> workload <tab> peer <tab> workers <tab> checksum <tab> seconds,seconds,... <tab> size}.
 *
 * <p>Each trial is timed with {@link System#nanoTime()} around {@link Workload#run}, which creates
 * the pool, does the work, collects the results and shuts the pool down. A full GC runs before each
 * trial, outside the timed region, so no trial pays for the garbage of the one before. A checksum
 * that changes between runs of the same JVM fails the fork.
 *
 * <p>Slow variants (a million tasks handed out one by one) would take most of the suite's time, so:
 * a warm-up that takes over {@value #WARM_ENOUGH_SECONDS} s is the last warm-up, and trials stop
 * after {@value #MIN_TRIALS} once they have taken {@link Mode#trialBudgetSeconds()} together. The
 * report shows how many trials each median is from.
 *
 * <p>Run alone (after {@code benchmarks/run --build-only}):
 * {@code java -Xms3g -Xmx3g -XX:+UseParallelGC -cp 'benchmarks/target/mpire4j-benchmarks.jar:benchmarks/target/lib/*'
 * io.mpire4j.benchmarks.Fork numerical mpire4j-threads 2 quick}.
 */
final class Fork {
    /** A warm-up longer than this is the last one. */
    static final double WARM_ENOUGH_SECONDS = 1.0;
    /** Trials stop early, after at least this many, once they have taken {@link Mode#trialBudgetSeconds()}. */
    static final int MIN_TRIALS = 5;

    private Fork() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Fork WORKLOAD PEER WORKERS full|quick");
            System.exit(2);
        }
        Mode mode = Mode.named(args[3]);
        Workload workload = Workload.named(args[0], mode);
        String peer = args[1];
        int workers = Integer.parseInt(args[2]);
        if (!workload.peers().contains(peer)) {
            throw new IllegalArgumentException(workload.name() + " has no peer " + peer + "; it has " + workload.peers());
        }
        workload.prepare();

        Long checksum = null;
        int warmups = mode.warmupsFor(workload.name());
        List<Double> seconds = new ArrayList<>();
        double timed = 0;
        for (int run = 0; run < warmups + mode.trials(); run++) {
            System.gc();
            long start = System.nanoTime();
            long sum = workload.run(peer, workers);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (checksum != null && checksum != sum) {
                throw new IllegalStateException(workload.name() + "/" + peer + "/" + workers
                        + ": checksum changed between runs, " + checksum + " then " + sum);
            }
            checksum = sum;
            if (run < warmups) {
                if (elapsed > WARM_ENOUGH_SECONDS) {
                    run = warmups - 1; // one long warm-up has compiled everything that matters
                }
                continue;
            }
            seconds.add(elapsed);
            timed += elapsed;
            if (seconds.size() >= MIN_TRIALS && timed > mode.trialBudgetSeconds()) {
                break; // slow variants: five trials are enough to place them
            }
        }
        String times = seconds.stream().map(s -> String.format(Locale.ROOT, "%.6f", s))
                .collect(Collectors.joining(","));
        System.out.println(String.join("\t", "RESULT", workload.name(), peer, Integer.toString(workers),
                Long.toString(checksum), times, workload.size()));
    }
}
