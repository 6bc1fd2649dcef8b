package io.mpire4j.internal;

import java.util.List;
import java.util.function.Function;

/**
 * One {@code @Parallel} method as the runtime sees it: its name for reports, its argument names,
 * the direct call, how to list a task's arguments, and its index in the program (by which a
 * child-JVM worker calls it).
 */
record MethodSpec<S, T, R>(String displayName, List<String> parameterNames, WorkerProgram.Task<S, T, R> task,
        Function<? super T, Object[]> arguments, int index) {

    /** The method's own name, without its class. */
    String methodName() {
        return displayName.substring(displayName.lastIndexOf('.') + 1);
    }

    /** The arguments of {@code task} for a report; never throws. */
    Object[] argumentsOf(Object task) {
        try {
            @SuppressWarnings("unchecked")
            T typed = (T) task;
            Object[] values = arguments.apply(typed);
            return values == null ? new Object[0] : values;
        } catch (RuntimeException e) {
            return new Object[] {task};
        }
    }
}
