package io.mpire4j.benchmarks;

import java.util.SplittableRandom;

/**
 * The expensive-init workload's model: a 784 → 512 → 10 multilayer perceptron (ReLU hidden layer,
 * {@code float} weights as in real models) together with the 1000 inputs it evaluates, as the
 * seed's model loaded MNIST's test images next to its weights.
 *
 * <p>{@link #load} stands in for reading a model from disk: deterministic and CPU-bound (about
 * 1.2 s for the full run's 1150 passes on the reference machine), it folds {@code passes} rounds of
 * Gaussian draws from {@code SplittableRandom(42)} into the weights. It never sleeps. A loaded model
 * is immutable, so it could serve several threads, but each worker loads its own, as it would with a
 * real model.
 */
final class Mlp {
    static final int INPUTS = 784;
    static final int HIDDEN = 512;
    static final int OUTPUTS = 10;
    static final int TEST_INPUTS = 1000;
    /** Inputs evaluated together, so each row of weights is read from memory once per block. */
    private static final int BLOCK = 8;

    /** {@code INPUTS × HIDDEN}, row {@code i} holds the weights from input {@code i}. */
    private final float[] hiddenWeights;
    private final float[] hiddenBias;
    /** {@code HIDDEN × OUTPUTS}, row {@code j} holds the weights from hidden unit {@code j}. */
    private final float[] outputWeights;
    private final float[] outputBias;
    private final float[][] testInputs;

    private Mlp(float[] hiddenWeights, float[] hiddenBias, float[] outputWeights, float[] outputBias,
            float[][] testInputs) {
        this.hiddenWeights = hiddenWeights;
        this.hiddenBias = hiddenBias;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
        this.testInputs = testInputs;
    }

    /** Loads the model (the same weights in every worker) and its 1000 test inputs. */
    static Mlp load(int passes) {
        SplittableRandom random = new SplittableRandom(42);
        float[] hiddenWeights = new float[INPUTS * HIDDEN];
        float[] hiddenBias = new float[HIDDEN];
        float[] outputWeights = new float[HIDDEN * OUTPUTS];
        float[] outputBias = new float[OUTPUTS];
        double hiddenScale = 1 / Math.sqrt(INPUTS * (double) passes);
        double outputScale = 1 / Math.sqrt(HIDDEN * (double) passes);
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < hiddenWeights.length; i++) {
                hiddenWeights[i] += (float) (random.nextGaussian() * hiddenScale);
            }
            for (int i = 0; i < outputWeights.length; i++) {
                outputWeights[i] += (float) (random.nextGaussian() * outputScale);
            }
        }
        for (int j = 0; j < HIDDEN; j++) {
            hiddenBias[j] = (float) (random.nextGaussian() * 0.01);
        }
        for (int k = 0; k < OUTPUTS; k++) {
            outputBias[k] = (float) (random.nextGaussian() * 0.01);
        }
        float[][] testInputs = new float[TEST_INPUTS][INPUTS];
        for (float[] input : testInputs) {
            for (int i = 0; i < INPUTS; i++) {
                input[i] = (float) random.nextDouble();
            }
        }
        return new Mlp(hiddenWeights, hiddenBias, outputWeights, outputBias, testInputs);
    }

    /**
     * One prediction over all test inputs: 1000 rows of 10 scores, each plus {@code index} (as the
     * seed adds its batch index, so no two predictions are the same).
     */
    float[][] predictAll(int index) {
        float[][] scores = new float[TEST_INPUTS][];
        double[][] hidden = new double[BLOCK][HIDDEN];
        for (int first = 0; first < TEST_INPUTS; first += BLOCK) {
            int count = Math.min(BLOCK, TEST_INPUTS - first);
            for (int b = 0; b < count; b++) {
                for (int j = 0; j < HIDDEN; j++) {
                    hidden[b][j] = hiddenBias[j];
                }
            }
            for (int i = 0; i < INPUTS; i++) {
                int row = i * HIDDEN;
                for (int b = 0; b < count; b++) {
                    axpy(testInputs[first + b][i], hiddenWeights, row, hidden[b]);
                }
            }
            for (int b = 0; b < count; b++) {
                double[] output = new double[OUTPUTS];
                for (int j = 0; j < HIDDEN; j++) {
                    double h = Math.max(0, hidden[b][j]);
                    int row = j * OUTPUTS;
                    for (int k = 0; k < OUTPUTS; k++) {
                        output[k] += h * outputWeights[row + k];
                    }
                }
                float[] result = new float[OUTPUTS];
                for (int k = 0; k < OUTPUTS; k++) {
                    result[k] = (float) (output[k] + outputBias[k] + index);
                }
                scores[first + b] = result;
            }
        }
        return scores;
    }

    /**
     * {@code y += a × x[offset .. offset + y.length)}. The accumulator is {@code double} (more
     * precise, and of another type than the weights, which lets the JIT prove that the arrays do not
     * overlap and use vector instructions: JDK 25's C2 does not vectorize {@code float[] += float[]}
     * between two arrays it cannot tell apart).
     */
    private static void axpy(float a, float[] x, int offset, double[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += a * x[offset + j];
        }
    }
}
