package io.mpire4j.benchmarks;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Workload 1, numerical: a {@code size × size} {@code double} image (4000 × 4000 in the full run),
 * created inside the timed region, convolved with {@code 10 × cores} random 4×4 kernels (Gaussian
 * draws from {@code SplittableRandom(42)}), one task per kernel, each returning every 5th row and
 * column of its full convolution ({@link ConvolutionJob}). The image is shared by every task, never
 * copied.
 *
 * <p>Checksum: the exact bits of each result's sum, mixed and summed over tasks.
 *
 * <p>Run alone: {@code java -cp ... io.mpire4j.benchmarks.Fork numerical mpire4j-threads 2 full}.
 */
final class Numerical implements Workload {
    private final Mode mode;
    private final int kernels = 10 * Runtime.getRuntime().availableProcessors();

    Numerical(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return "numerical";
    }

    @Override
    public List<String> peers() {
        return STANDARD_PEERS;
    }

    @Override
    public void prepare() {
        // Nothing: the image is created inside the timed region, as in the seed.
    }

    @Override
    public String size() {
        return "image=" + mode.imageSize() + "x" + mode.imageSize() + " kernels=" + kernels;
    }

    @Override
    public long run(String peer, int workers) throws Exception {
        ConvolutionJob job = new ConvolutionJob(image(mode.imageSize()));
        List<double[][]> kernelList = kernels(kernels);
        List<double[][]> results = switch (peer) {
            case "mpire4j-threads" -> mpire4j(job, kernelList, workers, StartMethod.THREADS);
            case "mpire4j-virtual" -> mpire4j(job, kernelList, workers, StartMethod.VIRTUAL_THREADS);
            default -> MapPeers.map(peer, workers, kernelList, job::convolve);
        };
        long checksum = 0;
        for (double[][] result : results) {
            double sum = 0;
            for (double[] row : result) {
                for (double value : row) {
                    sum += value;
                }
            }
            checksum += Checksums.of(sum);
        }
        return checksum;
    }

    private static List<double[][]> mpire4j(ConvolutionJob job, List<double[][]> kernels, int workers,
            StartMethod kind) {
        try (ConvolutionJobParallel pool = ConvolutionJobParallel.create(job,
                PoolOptions.defaults().workers(workers).startMethod(kind))) {
            return pool.convolve().map(kernels);
        }
    }

    /** A deterministic image with values in [0, 1). */
    static double[][] image(int size) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] image = new double[size][size];
        for (double[] row : image) {
            for (int x = 0; x < row.length; x++) {
                row[x] = random.nextDouble();
            }
        }
        return image;
    }

    /** {@code count} 4×4 kernels of standard Gaussians from {@code SplittableRandom(42)}. */
    static List<double[][]> kernels(int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<double[][]> kernels = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[][] kernel = new double[ConvolutionJob.KERNEL][ConvolutionJob.KERNEL];
            for (double[] row : kernel) {
                for (int x = 0; x < row.length; x++) {
                    row[x] = random.nextGaussian();
                }
            }
            kernels.add(kernel);
        }
        return kernels;
    }
}
