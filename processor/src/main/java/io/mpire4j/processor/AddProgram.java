package io.mpire4j.processor;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the package-private {@code static WorkerProgram<S, E> program()} (or
 * {@code program(Foo shared)}), the whole program of the annotated class: its
 * {@code @WorkerInit}/{@code @WorkerExit} calls and one task per {@code @Parallel} method, numbered
 * from 0 in source order, each with the codecs its values cross a process boundary with. Every call
 * is a lambda that calls the annotated method directly. The pool ({@link AddConstructor}) and child
 * JVMs ({@link AddProvider}) build the program with this one method, so they number the methods
 * alike.
 */
final class AddProgram {
    /** The name of the method. */
    static final String NAME = "program";

    private AddProgram() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        CodecFields codecs = names.codecs();
        MethodSpec.Builder program = MethodSpec.methodBuilder(NAME)
                .addModifiers(Modifier.STATIC)
                .returns(programType(model))
                .addJavadoc(doc(model, names));
        if (model.takesReceiver()) {
            program.addParameter(model.source(), names.shared());
        }
        CodeBlock.Builder code = CodeBlock.builder()
                .add("return $T.<$T, $T>builder($S)", RuntimeTypes.WORKER_PROGRAM, model.stateType(),
                        model.exitType(), model.programName())
                .indent().indent()
                .add("\n.generatedName($S)", model.generated().reflectionName());
        model.receiverCodec().ifPresent(receiver -> code.add("\n.receiver($N, $L)", names.shared(),
                codecs.reference(receiver)));
        model.init().ifPresent(init -> code.add("\n.init($S, $L)", init.name(), initLambda(model, init, names)));
        model.exit().ifPresent(exit -> code.add("\n.exit($S, $L, $L)", exit.name(),
                exitLambda(model, exit, names), codecs.reference(exit.resultCodec())));
        for (MethodModel method : model.methods()) {
            code.add("\n.task($S, $L,", method.name(), parameterNames(method))
                    .indent().indent()
                    .add("\n$L,", taskLambda(model, method, names))
                    .add("\n$L,", argumentsLambda(method, names))
                    .add("\n$L, $L)", codecs.reference(method.taskCodec()), codecs.reference(method.resultCodec()))
                    .unindent().unindent();
        }
        code.add("\n.build();\n").unindent().unindent();
        type.addMethod(program.addCode(code.build()).build());
    }

    /** {@code WorkerProgram<S, E>}. */
    static TypeName programType(ClassModel model) {
        return ParameterizedTypeName.get(RuntimeTypes.WORKER_PROGRAM, model.stateType(), model.exitType());
    }

    private static CodeBlock doc(ClassModel model, GeneratedNames names) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The worker program of {@link $T}: its annotated methods as direct calls,\n"
                        + "with the codecs that carry $L to and from child-JVM workers.\n"
                        + "The pool (see the constructor) and each child JVM (through {@link $T})\n"
                        + "build it with this one method, so both number the {@code @Parallel} methods alike:\n",
                        model.source(), carried(model), model.provider())
                .add("<ul>\n");
        List<MethodModel> methods = model.methods();
        for (int i = 0; i < methods.size(); i++) {
            doc.add("  <li>$L: $L\n", i, Docs.link(model, methods.get(i)));
        }
        doc.add("</ul>\n\n");
        if (model.takesReceiver()) {
            doc.add("@param $N the instance whose methods the tasks call\n", names.shared());
        }
        return doc.add("@return a new program\n").build();
    }

    /** What crosses a process boundary: {@code "tasks, results, the shared instance and exit results"}. */
    private static String carried(ClassModel model) {
        List<String> parts = new ArrayList<>(List.of("tasks", "results"));
        if (model.takesReceiver()) {
            parts.add("the shared instance");
        }
        if (model.hasExitResults()) {
            parts.add("exit results");
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
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

    /**
     * {@code Foo.fit(task.xs(), task.degree())} or {@code shared.fit(…)}. Each argument has exactly
     * the declared type of its parameter, so the call binds to the annotated method and to no other
     * overload: a boxed task or state for a primitive parameter is cast ({@code (int) task}, else
     * {@code twice(Object)} would win over {@code twice(int)}), a state of a narrower type is cast up
     * to the parameter's type. Arguments that already have that type are not cast (a redundant cast
     * would warn under {@code -Xlint:cast}).
     */
    private static CodeBlock call(ClassModel model, MethodModel method, GeneratedNames names) {
        CodeBlock arguments = method.parameters().stream()
                .map(parameter -> switch (parameter.role()) {
                    case STATE -> exactly(parameter.type(), model.stateType(), CodeBlock.of("$N", names.state()));
                    case WORKER_ID -> CodeBlock.of("$N", names.workerId());
                    case TASK -> method.hasArgsClass()
                            ? taskArgument(method, parameter, names)
                            : exactly(parameter.type(), parameter.type().box(), taskArgument(method, parameter, names));
                })
                .collect(CodeBlock.joining(", "));
        return method.isStatic()
                ? CodeBlock.of("$T.$N($L)", model.source(), method.name(), arguments)
                : CodeBlock.of("$N.$N($L)", names.shared(), method.name(), arguments);
    }

    /** {@code value}, which has type {@code actual}, cast to {@code declared} when the two differ. */
    private static CodeBlock exactly(TypeName declared, TypeName actual, CodeBlock value) {
        TypeName type = declared.withoutAnnotations();
        return type.equals(actual.withoutAnnotations()) ? value : CodeBlock.of("($T) $L", type, value);
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
