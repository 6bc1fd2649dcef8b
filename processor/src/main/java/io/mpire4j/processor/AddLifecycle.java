package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the pool's lifecycle — {@code exitResults()} (only for a value-returning
 * {@code @WorkerExit}), {@code insights()}, {@code stopAndJoin()}, {@code terminate()} and
 * {@code close()}, each delegating to the pool.
 */
final class AddLifecycle {
    private AddLifecycle() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        String pool = names.pool();
        if (model.hasExitResults()) {
            type.addMethod(MethodSpec.methodBuilder("exitResults")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(ClassName.get(List.class),
                            model.exitType()))
                    .addJavadoc("The results of $L,\none per worker that stopped since the pool last started its "
                            + "workers (lifespan restarts included),\nin the order they arrived.\nWorkers stop in "
                            + "{@link #stopAndJoin()}, {@link #close()} or, without {@code keepAlive}, after "
                            + "every call.\n\n<p>$L\n\n@return the exit results\n@throws IllegalStateException while kept-alive "
                            + "workers still run:\ncall {@link #stopAndJoin()} first\n",
                            Docs.link(model, model.exit().orElseThrow()), Docs.THREAD_SAFE)
                    .addStatement("return this.$N.exitResults()", pool)
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder("insights")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeTypes.INSIGHTS)
                .addJavadoc("What the workers spent their time on:\nstart-up, init, waiting, working and exit "
                        + "per worker, and the longest tasks.\nEmpty unless the pool was created with "
                        + "{@code enableInsights(true)}.\n\n<p>$L\n\n@return a snapshot, never {@code null}\n",
                        Docs.THREAD_SAFE)
                .addStatement("return this.$N.insights()", pool)
                .build());
        type.addMethod(MethodSpec.methodBuilder("stopAndJoin")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(CodeBlock.builder()
                        .add("Stops the workers gracefully and waits for them on the calling thread:\nrunning "
                                + "tasks finish")
                        .add(model.exit().isPresent()
                                ? CodeBlock.of(",\nevery worker that ran runs $L on its own thread",
                                        Docs.link(model, model.exit().get()))
                                : CodeBlock.of(""))
                        .add(model.hasExitResults() ? "\nand the results are kept for {@link #exitResults()}" : "")
                        .add(".\nThe pool stays open: the next call starts fresh workers.\n\n<p>$L\n",
                                Docs.THREAD_SAFE)
                        .build())
                .addStatement("this.$N.stopAndJoin()", pool)
                .build());
        type.addMethod(MethodSpec.methodBuilder("terminate")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Stops the workers at once, without running {@code @WorkerExit}, and closes the pool.\n"
                        + "Calls still running fail.\n\n<p>$L\n", Docs.THREAD_SAFE)
                .addStatement("this.$N.terminate()", pool)
                .build());
        type.addMethod(MethodSpec.methodBuilder("close")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Stops the workers gracefully if they run, as {@link #stopAndJoin()} does, then closes "
                        + "the pool;\nlater calls throw {@link IllegalStateException}.\nIdempotent, and throws no "
                        + "checked exception.\n\n<p>$L\n", Docs.THREAD_SAFE)
                .addStatement("this.$N.close()", pool)
                .build());
    }
}
