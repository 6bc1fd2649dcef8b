package io.mpire4j;

import java.util.Objects;

/**
 * The worker lifecycle of one annotated class: its {@code @WorkerInit} and {@code @WorkerExit}
 * methods as direct calls. Built by generated {@code *Parallel} classes and handed to
 * {@link WorkerPool#create}; user code has no need for it. Immutable and thread-safe.
 *
 * @param <S> the worker state type ({@code Void} without a state-returning {@code @WorkerInit})
 * @param <E> the exit result type ({@code Void} without a value-returning {@code @WorkerExit})
 */
public final class WorkerProgram<S, E> {

    /** A {@code @WorkerInit} call. Runs on the worker's thread before its first task. */
    @FunctionalInterface
    public interface Init<S> {
        /** Returns the new worker's state ({@code null} for a {@code void} init). */
        S init(int workerId) throws Throwable;
    }

    /** A {@code @WorkerExit} call. Runs on the worker's thread after its last task. */
    @FunctionalInterface
    public interface Exit<S, E> {
        /** Returns the worker's exit result ({@code null} for a {@code void} exit). */
        E exit(S state, int workerId) throws Throwable;
    }

    /** A {@code @Parallel} call. Runs on a worker's thread, one task at a time per worker. */
    @FunctionalInterface
    public interface Task<S, T, R> {
        /** Runs one task with its worker's state and id; returns {@code null} for {@code void}. */
        R run(S state, int workerId, T task) throws Throwable;
    }

    private final String className;
    private final String initName;
    private final Init<S> init;
    private final String exitName;
    private final Exit<S, E> exit;

    private WorkerProgram(Builder<S, E> builder) {
        this.className = builder.className;
        this.initName = builder.initName;
        this.init = builder.init;
        this.exitName = builder.exitName;
        this.exit = builder.exit;
    }

    /**
     * Starts a program for the annotated class {@code className}, written as in source relative to
     * its package ({@code "Primes"}, {@code "Outer.Inner"}); it prefixes method names in reports.
     */
    public static <S, E> Builder<S, E> builder(String className) {
        return new Builder<>(className);
    }

    String className() {
        return className;
    }

    boolean hasInit() {
        return init != null;
    }

    boolean hasExit() {
        return exit != null;
    }

    String initName() {
        return className + "." + initName;
    }

    String exitName() {
        return className + "." + exitName;
    }

    S init(int workerId) throws Throwable {
        return init == null ? null : init.init(workerId);
    }

    E exit(S state, int workerId) throws Throwable {
        return exit == null ? null : exit.exit(state, workerId);
    }

    /** Collects a program's lifecycle calls. Not thread-safe; used once by generated code. */
    public static final class Builder<S, E> {
        private final String className;
        private String initName;
        private Init<S> init;
        private String exitName;
        private Exit<S, E> exit;

        private Builder(String className) {
            this.className = Objects.requireNonNull(className, "className");
        }

        /** Sets the {@code @WorkerInit} method {@code methodName}. */
        public Builder<S, E> init(String methodName, Init<S> init) {
            this.initName = Objects.requireNonNull(methodName, "methodName");
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Sets the {@code @WorkerExit} method {@code methodName}. */
        public Builder<S, E> exit(String methodName, Exit<S, E> exit) {
            this.exitName = Objects.requireNonNull(methodName, "methodName");
            this.exit = Objects.requireNonNull(exit, "exit");
            return this;
        }

        /** The finished program. */
        public WorkerProgram<S, E> build() {
            return new WorkerProgram<>(this);
        }
    }
}
