package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import java.util.List;

/** The types the generated class uses for one {@code @Parallel} method. Stateless. */
final class Signatures {
    private static final ClassName VOID = ClassName.get(Void.class);

    private Signatures() {}

    /**
     * {@code T}: {@code Void} without task arguments, the boxed type of a single one, otherwise the
     * generated {@code <Name>Args} class.
     */
    static TypeName taskType(ClassModel model, MethodModel method) {
        List<ParameterModel> tasks = method.taskParameters();
        return switch (tasks.size()) {
            case 0 -> VOID;
            case 1 -> tasks.get(0).type().box();
            default -> argsClass(model, method);
        };
    }

    /** {@code R}: the boxed return type, {@code Void} for {@code void}. */
    static TypeName resultType(MethodModel method) {
        return method.returnsVoid() ? VOID : method.returnType().box();
    }

    /** {@code ParallelMethod<T, R>}. */
    static TypeName handleType(ClassModel model, MethodModel method) {
        return ParameterizedTypeName.get(RuntimeTypes.PARALLEL_METHOD, taskType(model, method), resultType(method));
    }

    /** {@code FooParallel.FitArgs}. */
    static ClassName argsClass(ClassModel model, MethodModel method) {
        return model.generated().nestedClass(Naming.argsClassName(method.name()));
    }

    /** {@code WorkerPool<S, E>}. */
    static TypeName poolType(ClassModel model) {
        return ParameterizedTypeName.get(RuntimeTypes.WORKER_POOL, model.stateType(), model.exitType());
    }
}
