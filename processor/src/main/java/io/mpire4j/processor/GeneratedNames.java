package io.mpire4j.processor;

import com.squareup.javapoet.NameAllocator;

/**
 * The names the writer chooses for one generated class: fields (one per {@code @Parallel} method,
 * the pool, and the codec constants of {@link CodecFields}) and the fixed parameter names of constructors, factories and lambdas. Allocated
 * with {@link NameAllocator} so that a method named {@code pool}, or a user class named like a
 * lambda parameter, cannot clash. User parameter names are only used in the direct-call methods,
 * where fields are reached through {@code this.}.
 */
final class GeneratedNames {
    private final NameAllocator fields = new NameAllocator();
    private final String pool;
    private final String options;
    private final String shared;
    private final String state;
    private final String workerId;
    private final String task;
    private final CodecFields codecs;

    GeneratedNames(ClassModel model) {
        pool = fields.newName("pool");
        for (MethodModel method : model.methods()) {
            fields.newName(method.name(), method.name());
        }
        codecs = new CodecFields(model, fields);
        NameAllocator locals = new NameAllocator();
        // Lambda bodies name the source class by its top-level simple name; keep that name free.
        locals.newName(model.source().topLevelClassName().simpleName());
        options = locals.newName("options");
        shared = locals.newName("shared");
        state = locals.newName("state");
        workerId = locals.newName("workerId");
        task = locals.newName("task");
    }

    /** The field holding the {@code WorkerPool}. */
    String pool() {
        return pool;
    }

    /** The field holding the handle of {@code @Parallel} method {@code method}. */
    String field(MethodModel method) {
        return fields.get(method.name());
    }

    /** The codec constants and how to refer to a codec. */
    CodecFields codecs() {
        return codecs;
    }

    /** The {@code PoolOptions} parameter of the constructor and factories. */
    String options() {
        return options;
    }

    /** The shared-receiver parameter of the constructor and factories. */
    String shared() {
        return shared;
    }

    /** The lambda parameter receiving the worker's state. */
    String state() {
        return state;
    }

    /** The lambda parameter receiving the worker's id. */
    String workerId() {
        return workerId;
    }

    /** The lambda parameter receiving one task. */
    String task() {
        return task;
    }
}
