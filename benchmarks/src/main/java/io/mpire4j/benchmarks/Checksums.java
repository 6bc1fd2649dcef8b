package io.mpire4j.benchmarks;

/**
 * Checksums that every peer computes the same way. They are sums of mixed values, wrapping on
 * overflow, so they do not depend on the order in which results arrive.
 */
final class Checksums {
    private Checksums() {}

    /** A bijective 64-bit mixer (the MurmurHash3 finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** The checksum of one double: its exact bits, mixed. */
    static long of(double value) {
        return mix(Double.doubleToLongBits(value));
    }

    /** The checksum of a task's result tagged with the task's index, for results kept in input order. */
    static long indexed(long index, long value) {
        return mix(index * 0x9E3779B97F4A7C15L + value);
    }
}
