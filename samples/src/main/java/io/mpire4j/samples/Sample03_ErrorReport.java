package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.annotations.Parallel;
import java.util.List;

/**
 * Sample 3: when a task fails, the report says which task, with which arguments, on which worker.
 *
 * <p>The call throws {@link TaskFailedException}: its message names the method, the worker, the
 * task's position in the input and every argument as {@code name = value}; {@link
 * TaskFailedException#getCause()} is the original exception with the worker-side stack trace. The rest
 * of the call is cancelled and the pool stays usable.
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample03_ErrorReport {

    @Parallel
    static double ratio(String label, int numerator, int denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("cannot divide " + label + " by zero");
        }
        return (double) numerator / denominator;
    }

    public static void main(String[] args) {
        List<Sample03_ErrorReportParallel.RatioArgs> tasks = List.of(
                new Sample03_ErrorReportParallel.RatioArgs("apples", 3, 4),
                new Sample03_ErrorReportParallel.RatioArgs("pears", 1, 2),
                new Sample03_ErrorReportParallel.RatioArgs("plums", 7, 0),
                new Sample03_ErrorReportParallel.RatioArgs("figs", 9, 3));

        try (Sample03_ErrorReportParallel pool = Sample03_ErrorReportParallel.create(PoolOptions.defaults().workers(2))) {
            try {
                pool.ratio().chunkSize(1).map(tasks);
            } catch (TaskFailedException e) {
                System.out.println("The call failed, and the report says why:");
                System.out.println(e.getMessage().indent(2).stripTrailing());
                System.out.println("arguments() = " + e.arguments() + ", taskIndex() = " + e.taskIndex()
                        + ", cause thrown at " + e.getCause().getStackTrace()[0]);
            }
            // The pool is still usable after a failed call:
            System.out.println("ratio(figs, 9, 3) = " + pool.ratio("figs", 9, 3));
        }
    }
}
