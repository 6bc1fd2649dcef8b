package io.mpire4j.benchmarks;

import io.mpire4j.annotations.Parallel;

/**
 * The numerical workload's task: a full 2-D convolution of one shared image with a 4×4 kernel,
 * sampled at every 5th row and column, as {@code scipy.signal.convolve2d(image, k)[::5, ::5]}.
 *
 * <p>The image is a field of this object and is never copied: every peer's tasks read the one array,
 * and mpire4j gets it as the shared receiver of an instance {@code @Parallel} method
 * ({@code ConvolutionJobParallel.create(job, options)}). A record, so that {@code PROCESSES} pools
 * can send it to each child JVM through the generated codecs (once per worker, as MPIRE sends its
 * shared objects to each process).
 */
record ConvolutionJob(double[][] image) {
    static final int KERNEL = 4;
    static final int STEP = 5;

    /**
     * The full convolution ({@code (n + 3) × (n + 3)} values, all computed and stored, as a user of
     * a convolution library gets them), then every 5th row and column of it.
     */
    @Parallel
    double[][] convolve(double[][] kernel) {
        int n = image.length;
        int m = image[0].length;
        double[][] full = new double[n + KERNEL - 1][m + KERNEL - 1];
        for (int y = 0; y < full.length; y++) {
            double[] out = full[y];
            for (int a = 0; a < KERNEL; a++) {
                int source = y - a;
                if (source < 0 || source >= n) {
                    continue;
                }
                double[] row = image[source];
                for (int b = 0; b < KERNEL; b++) {
                    double weight = kernel[a][b];
                    for (int x = 0; x < m; x++) {
                        out[x + b] += weight * row[x];
                    }
                }
            }
        }
        double[][] sampled = new double[(full.length + STEP - 1) / STEP][(full[0].length + STEP - 1) / STEP];
        for (int y = 0; y < sampled.length; y++) {
            double[] source = full[y * STEP];
            double[] target = sampled[y];
            for (int x = 0; x < target.length; x++) {
                target[x] = source[x * STEP];
            }
        }
        return sampled;
    }
}
