package io.mpire4j.processor;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the private constructor. It builds the {@code WorkerProgram} from the
 * {@code @WorkerInit}/{@code @WorkerExit} calls, creates the pool and one handle per
 * {@code @Parallel} method. Every call is a lambda that calls the annotated method directly.
 */
final class AddConstructor {
    private AddConstructor() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
        if (model.takesReceiver()) {
            constructor.addParameter(model.source(), names.shared());
        }
        constructor.addParameter(RuntimeTypes.POOL_OPTIONS, names.options());

        CodeBlock.Builder code = CodeBlock.builder()
                .add("this.$N = $T.create($T.<$T, $T>builder($S)", names.pool(), RuntimeTypes.WORKER_POOL,
                        RuntimeTypes.WORKER_PROGRAM, model.stateType(), model.exitType(), model.programName())
                .indent().indent();
        model.init().ifPresent(init -> code.add("\n.init($S, $L)", init.name(), initLambda(model, init, names)));
        model.exit().ifPresent(exit -> code.add("\n.exit($S, $L)", exit.name(), exitLambda(model, exit, names)));
        code.add("\n.build(), $N);\n", names.options()).unindent().unindent();

        for (MethodModel method : model.methods()) {
            code.add("this.$N = this.$N.method($S, $L,\n", names.field(method), names.pool(), method.name(),
                            parameterNames(method))
                    .indent().indent()
                    .add("$L,\n", taskLambda(model, method, names))
                    .add("$L);\n", argumentsLambda(method, names))
                    .unindent().unindent();
        }
        type.addMethod(constructor.addCode(code.build()).build());
    }

    /** {@code workerId -> Foo.start(workerId)}. */
    private static CodeBlock initLambda(ClassModel model, MethodModel init, GeneratedNames names) {
        return lambda(CodeBlock.of("$N", names.workerId()), call(model, init, names), init.returnsVoid());
    }

    /** {@code (state, workerId) -> Foo.stop(state)}. */
    private static CodeBlock exitLambda(ClassModel model, MethodModel exit, GeneratedNames names) {
        return lambda(CodeBlock.of("($N, $N)", names.state(), names.workerId()), call(model, exit, names),
                exit.returnsVoid());
    }

    /** {@code (state, workerId, task) -> Foo.fit(task.xs(), task.degree())}. */
    private static CodeBlock taskLambda(ClassModel model, MethodModel method, GeneratedNames names) {
        return lambda(CodeBlock.of("($N, $N, $N)", names.state(), names.workerId(), names.task()),
                call(model, method, names), method.returnsVoid());
    }

    /** {@code task -> new Object[] {task.xs(), task.degree()}}: the arguments for failure reports. */
    private static CodeBlock argumentsLambda(MethodModel method, GeneratedNames names) {
        List<ParameterModel> tasks = method.taskParameters();
        if (tasks.isEmpty()) {
            return CodeBlock.of("$N -> new $T[0]", names.task(), Object.class);
        }
        CodeBlock values = tasks.stream()
                .map(parameter -> taskArgument(method, parameter, names))
                .collect(CodeBlock.joining(", "));
        return CodeBlock.of("$N -> new $T[] {$L}", names.task(), Object.class, values);
    }

    /** {@code List.of("xs", "degree")}: the task parameters' names. */
    private static CodeBlock parameterNames(MethodModel method) {
        CodeBlock values = method.taskParameters().stream()
                .map(parameter -> CodeBlock.of("$S", parameter.name()))
                .collect(CodeBlock.joining(", "));
        return CodeBlock.of("$T.of($L)", List.class, values);
    }

    /** {@code Foo.fit(task.xs(), task.degree())} or {@code shared.fit(…)}. */
    private static CodeBlock call(ClassModel model, MethodModel method, GeneratedNames names) {
        CodeBlock arguments = method.parameters().stream()
                .map(parameter -> switch (parameter.role()) {
                    case STATE -> CodeBlock.of("$N", names.state());
                    case WORKER_ID -> CodeBlock.of("$N", names.workerId());
                    case TASK -> taskArgument(method, parameter, names);
                })
                .collect(CodeBlock.joining(", "));
        return method.isStatic()
                ? CodeBlock.of("$T.$N($L)", model.source(), method.name(), arguments)
                : CodeBlock.of("$N.$N($L)", names.shared(), method.name(), arguments);
    }

    /** {@code task} for the only task argument, {@code task.xs()} for one of several (an {@code <Name>Args}). */
    private static CodeBlock taskArgument(MethodModel method, ParameterModel parameter, GeneratedNames names) {
        return method.hasArgsClass()
                ? CodeBlock.of("$N.$N()", names.task(), parameter.name())
                : CodeBlock.of("$N", names.task());
    }

    /** {@code params -> call} or, for {@code void}, {@code params -> { call; return null; }}. */
    private static CodeBlock lambda(CodeBlock parameters, CodeBlock call, boolean returnsVoid) {
        return returnsVoid
                ? CodeBlock.of("$L -> { $L; return null; }", parameters, call)
                : CodeBlock.of("$L -> $L", parameters, call);
    }
}
