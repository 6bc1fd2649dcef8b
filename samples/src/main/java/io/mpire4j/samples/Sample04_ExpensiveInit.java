package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerId;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Sample 4: an expensive init, paid once per worker and reused across calls — and the insights that
 * show where the time went.
 *
 * <p>A "model" takes a while to build. With {@code keepAlive(true)} (the default) workers outlive a
 * call, so three rounds of predictions load the model once per worker, not once per round or per
 * task. {@code enableInsights(true)} records how each worker spent its time; {@code insights()}
 * prints it as a table, with the five longest tasks and their arguments.
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample04_ExpensiveInit {
    static final AtomicInteger LOADS = new AtomicInteger();

    /** A tiny linear model whose weights take real CPU work to derive. */
    record Model(double[] weights) {
        double predict(double[] x) {
            double sum = 0;
            for (int layer = 0; layer < 2_000; layer++) { // a deep, narrow network
                for (int i = 0; i < x.length; i++) {
                    sum = Math.tanh(sum + weights[i] * x[i]);
                }
            }
            return sum;
        }
    }

    @WorkerInit
    static Model load(@WorkerId int workerId) {
        LOADS.incrementAndGet();
        SplittableRandom random = new SplittableRandom(7);
        double[] weights = new double[64];
        for (int round = 0; round < 4_000_000; round++) { // deliberately slow: a few hundred ms of arithmetic
            weights[round & 63] += random.nextGaussian() * 1e-3;
        }
        return new Model(weights);
    }

    @Parallel
    static double predict(@WorkerState Model model, double[] features) {
        return model.predict(features);
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(1);
        List<double[]> inputs = IntStream.range(0, 300)
                .mapToObj(i -> random.doubles(64).toArray())
                .toList();

        PoolOptions options = PoolOptions.defaults().workers(2).enableInsights(true);
        try (Sample04_ExpensiveInitParallel pool = Sample04_ExpensiveInitParallel.create(options)) {
            for (int round = 1; round <= 3; round++) {
                List<Double> predictions = pool.predict().map(inputs);
                System.out.printf("round %d: %d predictions, first %.4f%n", round, predictions.size(),
                        predictions.get(0));
            }
            System.out.println("models loaded: " + LOADS.get() + " (one per worker, not one per round)");
            System.out.print(pool.insights());
        }
    }
}
