package io.mpire4j.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the members of one {@code @Parallel} method {@code m} — the handle {@code m()},
 * the direct call {@code m(args…)} and {@code mAsync(args…)}.
 *
 * <p>A method without task arguments gets the handle {@code m()} and {@code mAsync()} only: a direct
 * {@code m()} would have the handle's signature. Its tasks are {@code null} ({@code T = Void}), so
 * {@code m().apply(null)} runs it once and {@code m().map(Collections.nCopies(n, null))} n times.
 */
final class AddMethodFamily {
    private static final ClassName COMPLETABLE_FUTURE = ClassName.get(CompletableFuture.class);

    private AddMethodFamily() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        for (MethodModel method : model.methods()) {
            type.addMethod(handle(model, method, names));
            if (!method.taskParameters().isEmpty()) {
                type.addMethod(direct(model, method, names));
            }
            type.addMethod(async(model, method, names));
        }
    }

    private static MethodSpec handle(ClassModel model, MethodModel method, GeneratedNames names) {
        CodeBlock link = Docs.link(model, method);
        List<ParameterModel> tasks = method.taskParameters();
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The typed handle of $L:\n{@code map}, {@code imap}, {@code forEach}, {@code apply} and more,\n"
                        + "with per-call settings such as {@code chunkSize} or {@code progressBar}.\n", link)
                .add("It is method $L of {@code $L()}, in the pool and in child-JVM workers.\n",
                        model.methods().indexOf(method), AddProgram.NAME);
        switch (tasks.size()) {
            case 0 -> doc.add("\n<p>The method takes no task arguments, so each task is {@code null}:\n"
                    + "{@code $N().apply(null)} runs it once, {@code $N().map(Collections.nCopies(n, null))} "
                    + "{@code n} times.\nThere is no direct {@code $N()} call, as this handle has its name;\n"
                    + "{@link #$N()} is the asynchronous one.\n",
                    method.name(), method.name(), method.name(), Naming.asyncName(method.name()));
            case 1 -> doc.add("Each task is one {@code $N}.\n", tasks.get(0).name());
            default -> doc.add("Each task is one {@link $T}.\n", Signatures.argsClass(model, method));
        }
        doc.add("\n<p>$L\nTasks run on the pool's workers; results are delivered to the calling thread.\n\n",
                        Docs.THREAD_SAFE)
                .add("@return the handle; the same instance on every call\n");
        return MethodSpec.methodBuilder(method.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(Signatures.handleType(model, method))
                .addJavadoc(doc.build())
                .addStatement("return this.$N", names.field(method))
                .build();
    }

    private static MethodSpec direct(ClassModel model, MethodModel method, GeneratedNames names) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Runs $L once on a worker and waits for it:\nthe calling thread blocks while a worker "
                        + "runs the task.\n\n", Docs.link(model, method))
                .add("<p>$L\n\n", Docs.THREAD_SAFE);
        if (method.varargs() != MethodModel.Varargs.NONE && method.taskParameters().size() == 1) {
            doc.add("<p>Called with no arguments at all, {@code $N()} is the handle {@link #$N()};\n"
                    + "pass an empty array for a task without values.\n\n", method.name(), method.name());
        }
        addParamDocs(doc, method);
        if (!method.returnsVoid()) {
            doc.add("@return what the method returned\n");
        }
        doc.add("@throws $T if the method throws; its cause is the original exception\n",
                RuntimeTypes.TASK_FAILED_EXCEPTION);
        CodeBlock apply = CodeBlock.of("this.$N.apply($L)", names.field(method), task(model, method));
        MethodSpec.Builder direct = MethodSpec.methodBuilder(method.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(method.returnType())
                .addJavadoc(doc.build());
        addParameters(direct, method);
        return (method.returnsVoid() ? direct.addStatement("$L", apply) : direct.addStatement("return $L", apply))
                .build();
    }

    private static MethodSpec async(ClassModel model, MethodModel method, GeneratedNames names) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Starts $L on a worker and returns at once,\nwithout waiting for the task.\n\n",
                        Docs.link(model, method))
                .add("<p>$L\n\n", Docs.THREAD_SAFE);
        addParamDocs(doc, method);
        doc.add("@return a future that a worker completes with $L,\n    or exceptionally with a {@link $T} if "
                        + "the method throws\n",
                method.returnsVoid() ? "{@code null}" : "the method's result", RuntimeTypes.TASK_FAILED_EXCEPTION);
        TypeName future = ParameterizedTypeName.get(COMPLETABLE_FUTURE, Signatures.resultType(method));
        MethodSpec.Builder async = MethodSpec.methodBuilder(Naming.asyncName(method.name()))
                .addModifiers(Modifier.PUBLIC)
                .returns(future)
                .addJavadoc(doc.build());
        addParameters(async, method);
        return async.addStatement("return this.$N.applyAsync($L)", names.field(method), task(model, method))
                .build();
    }

    /** The value handed to {@code apply}: {@code null}, the only argument, or a new {@code <Name>Args}. */
    private static CodeBlock task(ClassModel model, MethodModel method) {
        List<ParameterModel> tasks = method.taskParameters();
        return switch (tasks.size()) {
            case 0 -> CodeBlock.of("null");
            case 1 -> CodeBlock.of("$N", tasks.get(0).name());
            default -> CodeBlock.of("new $T($L)", Signatures.argsClass(model, method), tasks.stream()
                    .map(p -> CodeBlock.of("$N", p.name()))
                    .collect(CodeBlock.joining(", ")));
        };
    }

    private static void addParameters(MethodSpec.Builder builder, MethodModel method) {
        for (ParameterModel parameter : method.taskParameters()) {
            builder.addParameter(parameter.type(), parameter.name());
        }
        switch (method.varargs()) {
            case NONE -> { }
            case REIFIABLE -> builder.varargs(true);
            // @SafeVarargs needs a method that cannot be overridden (the class is final anyway); the
            // array only reaches the user's @SafeVarargs method, which -Xlint:varargs cannot see.
            case SAFE -> builder.varargs(true).addModifiers(Modifier.FINAL).addAnnotation(SafeVarargs.class)
                    .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "varargs")
                            .build());
            case UNCHECKED -> builder.varargs(true).addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked")
                    .build());
        }
    }

    private static void addParamDocs(CodeBlock.Builder doc, MethodModel method) {
        for (ParameterModel parameter : method.taskParameters()) {
            doc.add("@param $N the task's {@code $N}\n", parameter.name(), parameter.name());
        }
    }
}
