package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;

/**
 * The runtime types generated code refers to, by name: the processor does not depend on the
 * runtime, only the code it writes does.
 */
final class RuntimeTypes {
    private static final String PACKAGE = "io.mpire4j";
    /** Glue that generated code calls: public, but not API (as {@code dagger.internal}). */
    private static final String INTERNAL = "io.mpire4j.internal";

    static final ClassName WORKER_POOL = ClassName.get(INTERNAL, "WorkerPool");
    static final ClassName WORKER_PROGRAM = ClassName.get(INTERNAL, "WorkerProgram");
    static final ClassName PARALLEL_METHOD = ClassName.get(PACKAGE, "ParallelMethod");
    static final ClassName POOL_OPTIONS = ClassName.get(PACKAGE, "PoolOptions");
    static final ClassName INSIGHTS = ClassName.get(PACKAGE, "Insights");
    static final ClassName TASK_FAILED_EXCEPTION = ClassName.get(PACKAGE, "TaskFailedException");
    static final ClassName PROGRAM_PROVIDER = ClassName.get(INTERNAL, "ProgramProvider");

    static final ClassName CODEC = ClassName.get(INTERNAL, "Codec");
    static final ClassName CODECS = ClassName.get(INTERNAL, "Codecs");

    private RuntimeTypes() {}
}
