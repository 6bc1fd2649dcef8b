package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.annotations.Parallel;
import java.util.List;

/**
 * Sample 5: a large object shared by every worker, never copied.
 *
 * <p>Put {@code @Parallel} on an instance method and the generated {@code create(...)} takes the
 * instance: every worker thread calls the method on that one object. The image below is shared by
 * reference, so six blurs cost no copies at all. The shared object must be safe to read from
 * several threads at once (here it is never written after construction).
 *
 * <p>This class is not {@code Serializable}, so it could not be sent to child JVMs: the processor
 * warns about that ({@code [mpire4j.crossing]}) unless told, as here, that the pool only ever runs
 * on threads.
 *
 * <p>Run: {@code ./build samples}.
 */
@SuppressWarnings("mpire4j.crossing") // shared by threads only, never sent to a child JVM
public final class Sample05_SharedObject {
    private final double[][] image;

    public Sample05_SharedObject(double[][] image) {
        this.image = image;
    }

    /** Blurs the image with a box of the given radius and returns the brightest pixel after blurring. */
    @Parallel
    double blurredPeak(int radius) {
        int n = image.length;
        double peak = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double sum = 0;
                int count = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    int yy = Math.floorMod(y + dy, n);
                    for (int dx = -radius; dx <= radius; dx++) {
                        sum += image[yy][Math.floorMod(x + dx, n)];
                        count++;
                    }
                }
                peak = Math.max(peak, sum / count);
            }
        }
        return peak;
    }

    public static void main(String[] args) {
        int n = 200;
        double[][] image = new double[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                image[y][x] = Math.sin(x * 0.11) * Math.cos(y * 0.07) + ((x * 31 + y * 17) % 13) / 13.0;
            }
        }
        Sample05_SharedObject job = new Sample05_SharedObject(image);
        try (Sample05_SharedObjectParallel pool = Sample05_SharedObjectParallel.create(job, PoolOptions.defaults().workers(2))) {
            List<Double> peaks = pool.blurredPeak().map(List.of(0, 2, 4, 8, 16, 32));
            System.out.println("brightest pixel after a box blur of radius 0, 2, 4, 8, 16, 32:");
            for (double peak : peaks) {
                System.out.printf("  %.4f%n", peak);
            }
        }
    }
}
