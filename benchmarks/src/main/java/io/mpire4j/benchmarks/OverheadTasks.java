package io.mpire4j.benchmarks;

import io.mpire4j.annotations.Parallel;

/** The overhead workloads' tasks: one trivial, one of about 10 µs of arithmetic. */
final class OverheadTasks {
    /** LCG steps in {@link #spin}: about 10 µs on the reference machine (a chain of dependent xor-shift-multiplies). */
    static final int SPIN_STEPS = 7_500;

    private OverheadTasks() {}

    @Parallel
    static long square(long x) {
        return x * x;
    }

    /** About 10 µs of busy work that the JIT cannot skip or fold: a chain of xor-shift-multiply steps. */
    @Parallel
    static long spin(long seed) {
        long x = seed;
        for (int i = 0; i < SPIN_STEPS; i++) {
            x = (x ^ (x >>> 31)) * 0x9E3779B97F4A7C15L;
        }
        return x;
    }
}
