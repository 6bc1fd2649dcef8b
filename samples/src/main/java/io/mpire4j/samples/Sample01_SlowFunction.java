package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.annotations.Parallel;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Sample 1: a slow function, mapped over 100 inputs by 5 workers.
 *
 * <p>Put {@code @Parallel} on a plain static method and compile: the processor writes
 * {@code Sample01_SlowFunctionParallel}, a pool class with a typed handle {@code pool.slowSquare()}.
 * {@code map} returns the results in input order, just as a loop would, and {@code progressBar(true)}
 * shows a tqdm-style bar on stderr.
 *
 * <p>Each call blocks for 20 ms (standing in for a remote call or a disk read), so 100 of them take
 * about 2 s in a loop and about 0.4 s on 5 workers: a 5× speed-up, even on a 2-core machine, because
 * the workers spend their time waiting, not computing.
 *
 * <p>Run: {@code ./build samples}, or this class's {@code main} from your IDE.
 */
public final class Sample01_SlowFunction {

    @Parallel
    static long slowSquare(int x) throws InterruptedException {
        Thread.sleep(20); // the "slow" part: think of an HTTP request
        return (long) x * x;
    }

    public static void main(String[] args) throws InterruptedException {
        List<Integer> inputs = IntStream.range(0, 100).boxed().toList();

        long start = System.nanoTime();
        long serialSum = 0;
        for (int x : inputs) {
            serialSum += slowSquare(x);
        }
        double serial = seconds(start);

        try (Sample01_SlowFunctionParallel pool = Sample01_SlowFunctionParallel.create(PoolOptions.defaults().workers(5))) {
            start = System.nanoTime();
            List<Long> squares = pool.slowSquare().progressBar(true).map(inputs);
            double parallel = seconds(start);

            long parallelSum = squares.stream().mapToLong(Long::longValue).sum();
            System.out.printf("loop: %.2f s, 5 workers: %.2f s (%.1fx faster); first results %s; sums equal: %b%n",
                    serial, parallel, serial / parallel, squares.subList(0, 5), serialSum == parallelSum);

            // One task on a worker, synchronously or as a future:
            System.out.println("slowSquare(12) on a worker = " + pool.slowSquare(12)
                    + ", async = " + pool.slowSquareAsync(13).join());
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
