package io.mpire4j.benchmarks;

import java.util.Locale;

/**
 * Whether a measured ratio meets a target, judged twice: on the ratio of the best (fastest) trials
 * and on the ratio of the medians. A target is <b>met</b> only when both meet it, <b>missed</b>
 * only when both miss it by more than the noise, and otherwise <b>not measurable</b>: the trials'
 * spread is larger than the effect, so this run cannot tell.
 *
 * <p>The noise is the larger relative spread, {@code (slowest − fastest) ÷ fastest}, of the rows the
 * ratio compares. A ratio that misses its target by less than that could be the machine, not the
 * code.
 *
 * @param byMin the ratio computed from the fastest trials
 * @param byMedian the ratio computed from the medians
 * @param target the bound the ratio must meet
 * @param atMost true if the ratio must be at most {@code target}, false if at least
 * @param noise the relative spread of the trials behind the ratios (0.05 = 5 %)
 */
record Verdict(double byMin, double byMedian, double target, boolean atMost, double noise) {

    /** The outcome. */
    enum Outcome {
        MET, MISSED, NOT_MEASURABLE
    }

    /** A verdict on a ratio that must stay at or below {@code target}. */
    static Verdict atMost(double byMin, double byMedian, double target, double noise) {
        return new Verdict(byMin, byMedian, target, true, noise);
    }

    /** A verdict on a ratio that must reach at least {@code target}. */
    static Verdict atLeast(double byMin, double byMedian, double target, double noise) {
        return new Verdict(byMin, byMedian, target, false, noise);
    }

    /** The relative spread of a row's trials: {@code (max − min) ÷ min}. */
    static double spread(Report.Row row) {
        return (row.max() - row.min()) / row.min();
    }

    /** The larger relative spread of some rows. */
    static double noise(Report.Row... rows) {
        double noise = 0;
        for (Report.Row row : rows) {
            noise = Math.max(noise, spread(row));
        }
        return noise;
    }

    /** How far {@code ratio} is past the target, relative to the target; 0 or less when it meets it. */
    private double miss(double ratio) {
        return (atMost ? ratio - target : target - ratio) / target;
    }

    Outcome outcome() {
        double minMiss = miss(byMin);
        double medianMiss = miss(byMedian);
        if (minMiss <= 0 && medianMiss <= 0) {
            return Outcome.MET;
        }
        if (minMiss > noise && medianMiss > noise) {
            return Outcome.MISSED;
        }
        return Outcome.NOT_MEASURABLE;
    }

    /** For the report's tables: {@code yes}, {@code **no**} or {@code not measurable (spread 12 %)}. */
    String text() {
        return switch (outcome()) {
            case MET -> "yes";
            case MISSED -> "**no**";
            case NOT_MEASURABLE -> String.format(Locale.ROOT, "not measurable (spread %.0f %%)", 100 * noise);
        };
    }
}
