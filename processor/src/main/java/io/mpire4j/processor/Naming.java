package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import java.util.Set;

/** The names of generated members, shared by validation (to find clashes) and the writer. */
final class Naming {
    /** Suffix of the generated class: {@code Foo} gives {@code FooParallel}. */
    static final String CLASS_SUFFIX = "Parallel";

    /** Suffix of the asynchronous direct call: {@code m} gives {@code mAsync}. */
    static final String ASYNC_SUFFIX = "Async";

    /** Suffix of a method's generated argument class: {@code fit} gives {@code FitArgs}. */
    static final String ARGS_SUFFIX = "Args";

    /**
     * Names a {@code @Parallel} method cannot have: the generated class's own members and those it
     * inherits from {@link Object}.
     */
    static final Set<String> RESERVED_METHOD_NAMES = Set.of(
            "create", "close", "terminate", "stopAndJoin", "exitResults", "insights", "program",
            "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone",
            "finalize");

    /**
     * Names a task parameter of a generated {@code <Name>Args} class cannot have: its accessor would
     * clash with a no-argument method of {@link Object}.
     */
    static final Set<String> RESERVED_ACCESSOR_NAMES = Set.of(
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    /**
     * Simple names of the types outside the user's code that generated code may refer to. A type of
     * the user's package with one of these names would shadow the JDK or runtime type (types of
     * {@code java.lang} are not imported), so the writer qualifies such names; and no generated field,
     * constant or lambda parameter takes one of them, as a variable would obscure the type in
     * {@code List.of(…)}.
     */
    static final Set<String> REFERENCED_TYPES = Set.of(
            "AutoCloseable", "Boolean", "Byte", "Character", "Double", "Float", "Integer", "Long", "Object",
            "Override", "Short", "String", "SuppressWarnings", "Void", "Generated", "Arrays", "List",
            "Objects", "CompletableFuture", "DataInput", "IOException", "Serializable", "ServiceLoader",
            "IllegalStateException", "WorkerPool", "WorkerProgram", "ParallelMethod", "PoolOptions",
            "Insights", "TaskFailedException", "ProgramProvider", "Codec", "Codecs");

    /** Roots of the packages generated code may name in full: a variable named so would obscure them. */
    static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "io");

    private Naming() {}

    /** {@code p.Foo} gives {@code p.FooParallel}, {@code p.Outer.Inner} gives {@code p.Outer_InnerParallel}. */
    static ClassName generatedClass(ClassName source) {
        return ClassName.get(source.packageName(), String.join("_", source.simpleNames()) + CLASS_SUFFIX);
    }

    /** {@code fit} gives {@code FitArgs}. */
    static String argsClassName(String methodName) {
        return Character.toUpperCase(methodName.charAt(0)) + methodName.substring(1) + ARGS_SUFFIX;
    }

    /** {@code fit} gives {@code fitAsync}. */
    static String asyncName(String methodName) {
        return methodName + ASYNC_SUFFIX;
    }
}
