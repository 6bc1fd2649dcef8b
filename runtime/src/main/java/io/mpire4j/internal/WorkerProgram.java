package io.mpire4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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

    /** One {@code @Parallel} method: its call, its names for reports, and how its values cross to a child JVM. */
    record TaskDef<S, T, R>(String name, List<String> parameterNames, Task<S, T, R> task,
            Function<? super T, Object[]> arguments, Codec<T> taskCodec, Codec<R> resultCodec) {}

    private final String className;
    private final String generatedName;
    private final String initName;
    private final Init<S> init;
    private final String exitName;
    private final Exit<S, E> exit;
    private final Codec<E> exitCodec;
    private final Object receiver;
    private final Codec<Object> receiverCodec;
    private final List<TaskDef<S, ?, ?>> tasks;

    private WorkerProgram(Builder<S, E> builder) {
        this.className = builder.className;
        this.generatedName = builder.generatedName;
        this.initName = builder.initName;
        this.init = builder.init;
        this.exitName = builder.exitName;
        this.exit = builder.exit;
        this.exitCodec = builder.exitCodec;
        this.receiver = builder.receiver;
        this.receiverCodec = builder.receiverCodec;
        this.tasks = List.copyOf(builder.tasks);
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

    /** The binary name of the generated class, by which a child JVM finds this program; may be null. */
    String generatedName() {
        return generatedName;
    }

    List<TaskDef<S, ?, ?>> tasks() {
        return tasks;
    }

    Codec<E> exitCodec() {
        return exitCodec;
    }

    Object receiver() {
        return receiver;
    }

    Codec<Object> receiverCodec() {
        return receiverCodec;
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

    /** Collects a program's calls. Not thread-safe; used once by generated code. */
    public static final class Builder<S, E> {
        private final String className;
        private String generatedName;
        private String initName;
        private Init<S> init;
        private String exitName;
        private Exit<S, E> exit;
        private Codec<E> exitCodec;
        private Object receiver;
        private Codec<Object> receiverCodec;
        private final List<TaskDef<S, ?, ?>> tasks = new ArrayList<>();

        private Builder(String className) {
            this.className = Objects.requireNonNull(className, "className");
        }

        /** Sets the {@code @WorkerInit} method {@code methodName}. */
        public Builder<S, E> init(String methodName, Init<S> init) {
            this.initName = Objects.requireNonNull(methodName, "methodName");
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Sets the {@code @WorkerExit} method, whose results cross from child JVMs with {@code codec}. */
        public Builder<S, E> exit(String methodName, Exit<S, E> exit, Codec<E> codec) {
            this.exitName = Objects.requireNonNull(methodName, "methodName");
            this.exit = Objects.requireNonNull(exit, "exit");
            this.exitCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Names the generated class ({@code Class.getName()} form) so that a child JVM can find this
         * program through its generated {@code ProgramProvider}.
         */
        public Builder<S, E> generatedName(String binaryName) {
            this.generatedName = Objects.requireNonNull(binaryName, "binaryName");
            return this;
        }

        /** The shared receiver of instance methods, sent once to each child JVM with {@code codec}. */
        @SuppressWarnings("unchecked")
        public <O> Builder<S, E> receiver(O shared, Codec<O> codec) {
            this.receiver = Objects.requireNonNull(shared, "shared");
            this.receiverCodec = (Codec<Object>) (Codec<?>) Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Adds the {@code @Parallel} method {@code name}; methods are numbered from 0 in the order
         * they are added, and {@link WorkerPool#method(int)} returns their handles.
         *
         * @param parameterNames the names of its task arguments, in order
         * @param task the direct call of the method
         * @param arguments the task's arguments, in parameter order, for failure reports
         * @param taskCodec how a task crosses to a child JVM
         * @param resultCodec how a result crosses back
         */
        public <T, R> Builder<S, E> task(String name, List<String> parameterNames, Task<S, T, R> task,
                Function<? super T, Object[]> arguments, Codec<T> taskCodec, Codec<R> resultCodec) {
            tasks.add(new TaskDef<>(Objects.requireNonNull(name, "name"), List.copyOf(parameterNames),
                    Objects.requireNonNull(task, "task"), Objects.requireNonNull(arguments, "arguments"),
                    Objects.requireNonNull(taskCodec, "taskCodec"), Objects.requireNonNull(resultCodec, "resultCodec")));
            return this;
        }

        /** The finished program. */
        public WorkerProgram<S, E> build() {
            return new WorkerProgram<>(this);
        }
    }
}
