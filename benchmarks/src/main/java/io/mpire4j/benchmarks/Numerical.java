package io.mpire4j.benchmarks;

import io.mpire4j.StartMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Workload 1, numerical: a {@code size × size} {@code double} image of zeros (4000 × 4000 in the
 * full run), created inside the timed region as the seed's {@code np.zeros} is (an allocation the
 * JVM zeroes, not a pass over the image on one thread, which would cap every peer's parallel
 * efficiency and hide what the pools do), convolved with {@code 10 × cores} random 4×4 kernels (Gaussian
 * draws from {@code SplittableRandom(42)}), one task per kernel, each returning every 5th row and
 * column of its full convolution ({@link ConvolutionJob}). The image is shared by every task, never
 * copied; {@code mpire4j-processes} sends it to each child JVM once, as MPIRE's processes get their
 * shared objects.
 *
 * <p>Checksum: the exact bits of each result's sum, mixed and summed over tasks. (Over a zero image
 * every sum is zero; the checksum still proves that every peer returned every result, and the work,
 * a full convolution per kernel, is the same whatever the values.)
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
        return WITH_PROCESSES;
    }

    @Override
    public void prepare() {
        // Nothing: the image is created inside the timed region, as in the seed (np.zeros).
    }

    @Override
    public String size() {
        return "image=" + mode.imageSize() + "x" + mode.imageSize() + " kernels=" + kernels;
    }

    @Override
    public long run(String peer, int workers) throws Exception {
        // As the seed's np.zeros: the image costs an allocation, not a pass over it on one thread.
        ConvolutionJob job = new ConvolutionJob(new double[mode.imageSize()][mode.imageSize()]);
        List<double[][]> kernelList = kernels(kernels);
        List<double[][]> results = switch (peer) {
            case "mpire4j-threads" -> mpire4j(job, kernelList, workers, StartMethod.THREADS);
            case "mpire4j-virtual" -> mpire4j(job, kernelList, workers, StartMethod.VIRTUAL_THREADS);
            case "mpire4j-processes" -> mpire4j(job, kernelList, workers, StartMethod.PROCESSES);
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
                Workload.options(workers, kind))) {
            return pool.convolve().map(kernels);
        }
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
