package io.mpire4j.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor reports: one stable tag, one text that says what is wrong and how
 * to fix it. Formatted with {@link String#format}; {@link #format} prefixes the tag.
 */
enum Message {
    // Where the annotated method lives.
    IN_INTERFACE("InInterface",
            "@%s method '%s' is declared in interface '%s'; move it to a class."),
    INNER_CLASS("InnerClass",
            "@%s method '%s' is in inner class '%s'; make the class static."),
    LOCAL_CLASS("LocalClass",
            "@%s method '%s' is in a local class; move it to a top-level or static nested class."),
    ANONYMOUS_CLASS("AnonymousClass",
            "@%s method '%s' is in an anonymous class; move it to a top-level or static nested class."),
    IMPLICIT_CLASS("ImplicitClass",
            "@%s method '%s' is in compact source file '%s', whose implicitly declared class other code "
                    + "cannot name; declare the class (e.g. 'final class %s { ... }' around the methods)."),
    CLASS_NOT_ACCESSIBLE("ClassNotAccessible",
            "class '%s' has @Parallel methods but '%s' is private; make it package-private or public."),
    GENERIC_CLASS_INSTANCE_METHOD("GenericClassInstanceMethod",
            "@%s method '%s' is an instance method of generic class '%s', whose type variables the "
                    + "generated class cannot express; make the method static or the class non-generic."),
    LIFECYCLE_WITHOUT_PARALLEL("LifecycleWithoutParallel",
            "@%s method '%s' is in class '%s', which has no @Parallel method; add one or remove @%1$s."),
    GENERATED_CLASS_EXISTS("GeneratedClassExists",
            "cannot write '%s' for class '%s': %s; rename one of the classes."),

    // The annotated method itself.
    CONFLICTING_ANNOTATIONS("ConflictingAnnotations",
            "method '%s' carries %s; keep exactly one of @Parallel, @WorkerInit and @WorkerExit."),
    PARALLEL_PRIVATE("ParallelPrivate",
            "@Parallel method '%s' must not be private; make it package-private or public."),
    PARALLEL_ABSTRACT("ParallelAbstract",
            "@Parallel method '%s' must not be abstract; give it a body."),
    LIFECYCLE_PRIVATE("LifecyclePrivate",
            "@%s method '%s' must not be private; make it package-private or public."),
    LIFECYCLE_ABSTRACT("LifecycleAbstract",
            "@%s method '%s' must not be abstract; give it a body."),
    GENERIC_METHOD("GenericMethod",
            "@%s method '%s' must not declare type parameters %s: the generated class cannot choose "
                    + "them; replace them with concrete types (or their bounds)."),
    DUPLICATE_WORKER_INIT("DuplicateWorkerInit",
            "@WorkerInit method '%s' is the second in class '%s' (the first is '%s'); keep one."),
    DUPLICATE_WORKER_EXIT("DuplicateWorkerExit",
            "@WorkerExit method '%s' is the second in class '%s' (the first is '%s'); keep one."),
    OVERLOADED_PARALLEL("OverloadedParallel",
            "@Parallel method '%s' overloads another @Parallel method of the same name; rename one of them."),
    RESERVED_NAME("ReservedName",
            "@Parallel method '%s' would generate a member that clashes with '%s' of the generated class; "
                    + "rename the method."),
    NAME_CLASH("NameClash",
            "@Parallel method '%s' would generate '%s', which clashes with the generated '%s' of "
                    + "@Parallel method '%s'; rename one of them."),
    ARGS_CLASS_HIDES_TYPE("ArgsClassHidesType",
            "@Parallel method '%s' generates the nested class '%s', which would hide the default package's "
                    + "type of that name used in the annotated signatures (a type of the default package cannot "
                    + "be written qualified); rename the method or the type, or move the classes into a package."),
    TOO_MANY_PARAMETERS("TooManyParameters",
            "@Parallel method '%s' has task parameters taking %d slots, but the generated direct call and "
                    + "argument class can take at most %d (the JVM's limit of 255 parameter slots, less 'this'; "
                    + "long and double take 2); pass the values in fewer parameters, e.g. a record."),
    INACCESSIBLE_TYPE("InaccessibleType",
            "type '%s' in the signature of @%s method '%s' is not accessible from package '%s', where the "
                    + "generated class lives; make it accessible (not private, public if in another package)."),

    // Parameters.
    ORPHAN_WORKER_PARAMETER("OrphanWorkerParameter",
            "@%s parameter '%s' is on method '%s', which is not @Parallel, @WorkerInit or @WorkerExit; "
                    + "remove the annotation or annotate the method."),
    RECORD_COMPONENT_WORKER_PARAMETER("RecordComponentWorkerParameter",
            "@%s is on record component '%s' of record '%s', but only parameters of @Parallel, @WorkerInit "
                    + "and @WorkerExit methods take it; remove the annotation."),
    LAMBDA_WORKER_PARAMETER("LambdaWorkerParameter",
            "@%s is on lambda parameter '%s', but only parameters of @Parallel, @WorkerInit and @WorkerExit "
                    + "methods take it; remove the annotation."),
    STATE_AND_ID("StateAndId",
            "parameter '%s' is both @WorkerState and @WorkerId; keep one."),
    STATE_WITHOUT_INIT("StateWithoutInit",
            "@WorkerState parameter '%s' of method '%s' has no state to receive: class '%s' has no "
                    + "@WorkerInit method; add one that returns the state."),
    STATE_WITH_VOID_INIT("StateWithVoidInit",
            "@WorkerState parameter '%s' of method '%s' has no state to receive: @WorkerInit method '%s' "
                    + "returns void; make it return the state."),
    STATE_TYPE_MISMATCH("StateTypeMismatch",
            "@WorkerState parameter '%s' has type '%s', which cannot accept the state of type '%s' "
                    + "returned by @WorkerInit method '%s'; change one of the two types."),
    DUPLICATE_STATE("DuplicateState",
            "parameter '%s' is the second @WorkerState parameter of method '%s'; keep one."),
    DUPLICATE_WORKER_ID("DuplicateWorkerId",
            "parameter '%s' is the second @WorkerId parameter of method '%s'; keep one."),
    STATE_ON_INIT("StateOnInit",
            "@WorkerState parameter '%s' is on @WorkerInit method '%s', which creates the state; remove "
                    + "the parameter and return the state instead."),
    TASK_PARAMETER_ON_LIFECYCLE("TaskParameterOnLifecycle",
            "parameter '%s' of @%s method '%s' is a task argument, but %s; mark it %s or remove it."),
    WORKER_ID_NOT_INT("WorkerIdNotInt",
            "@WorkerId parameter '%s' has type '%s'; declare it as int."),
    RESERVED_COMPONENT_NAME("ReservedComponentName",
            "parameter '%s' of @Parallel method '%s' would give the generated class '%s' an accessor "
                    + "'%1$s()', which clashes with Object.%1$s(); rename the parameter."),

    // Warnings.
    CROSSING("mpire4j.crossing",
            "type '%s' in %s%s can cross to a child JVM neither by a generated codec nor by "
                    + "serialization, so a PROCESSES pool would fail with it at run time; %s, or add "
                    + "@SuppressWarnings(\"%s\") here if the pool never uses PROCESSES."),

    // The processor itself.
    BAD_OPTION("BadOption",
            "processor option -A%s=%s is not one of: %s; use one of those values or leave the option out."),
    SERVICES_FILE("ServicesFile",
            "cannot write '%s', which lets child-JVM workers find the generated classes: %s; "
                    + "make sure no other processor or build step writes that file."),
    PROCESSOR_ERROR("ProcessorError",
            "mpire4j failed while processing '%s'; please report this with the stack trace:%n%s");

    private final String tag;
    private final String text;

    Message(String tag, String text) {
        this.tag = tag;
        this.text = text;
    }

    /** The stable tag, as printed in brackets before the text. */
    String tag() {
        return tag;
    }

    /** The full message: {@code [Tag] text}, with {@code args} filled in. */
    String format(Object... args) {
        return "[" + tag + "] " + String.format(Locale.ROOT, text, args);
    }
}
