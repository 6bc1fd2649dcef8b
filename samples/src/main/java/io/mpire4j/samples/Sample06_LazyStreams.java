package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.annotations.Parallel;
import java.math.BigInteger;
import java.util.stream.Stream;

/**
 * Sample 6: lazy results from an endless input.
 *
 * <p>{@code imap} returns a {@code Stream} that runs nothing until you pull from it, reads the input
 * only as far as {@code maxTasksActive} allows ahead of what you consumed, and cancels the rest when
 * closed. So an infinite {@code Stream} of candidates is fine: take what you need and close it
 * (try-with-resources, as with {@code Files.lines}).
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample06_LazyStreams {

    @Parallel
    static boolean isProbablePrime(long candidate) {
        return BigInteger.valueOf(candidate).isProbablePrime(40);
    }

    public static void main(String[] args) {
        Stream<Long> candidates = Stream.iterate(1_000_000_000_000L, c -> c + 1);
        try (Sample06_LazyStreamsParallel pool = Sample06_LazyStreamsParallel.create(PoolOptions.defaults().workers(2));
                Stream<Boolean> flags = pool.isProbablePrime().chunkSize(50).maxTasksActive(400).imap(candidates)) {
            long primesInFirst10k = flags.limit(10_000).filter(Boolean::booleanValue).count();
            System.out.println("primes among the 10,000 integers from 10^12: " + primesInFirst10k);
        }
    }
}
