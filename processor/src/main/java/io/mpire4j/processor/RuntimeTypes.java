package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;

/**
 * The runtime types generated code refers to, by name: the processor does not depend on the
 * runtime, only the code it writes does.
 */
final class RuntimeTypes {
    private static final String PACKAGE = "io.mpire4j";

    static final ClassName WORKER_POOL = ClassName.get(PACKAGE, "WorkerPool");
    static final ClassName WORKER_PROGRAM = ClassName.get(PACKAGE, "WorkerProgram");
    static final ClassName PARALLEL_METHOD = ClassName.get(PACKAGE, "ParallelMethod");
    static final ClassName POOL_OPTIONS = ClassName.get(PACKAGE, "PoolOptions");
    static final ClassName INSIGHTS = ClassName.get(PACKAGE, "Insights");
    static final ClassName TASK_FAILED_EXCEPTION = ClassName.get(PACKAGE, "TaskFailedException");
    static final ClassName PROGRAM_PROVIDER = ClassName.get(PACKAGE, "ProgramProvider");

    private RuntimeTypes() {}
}
