package io.mpire4j.processor;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the static factories, {@code create()} and {@code create(PoolOptions)}, or
 * {@code create(Foo shared)} and {@code create(Foo shared, PoolOptions)} when a method needs the
 * shared receiver.
 */
final class AddFactories {
    private AddFactories() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        String shared = names.shared();
        String options = names.options();
        MethodSpec.Builder defaults = factory(model)
                .addJavadoc("Creates a pool with {@link $T#defaults()}: one worker per available processor.\n"
                        + "Workers start with the first call.\n", RuntimeTypes.POOL_OPTIONS)
                .addJavadoc(sharedParagraph(model, names))
                .addJavadoc("\n")
                .addJavadoc(sharedParam(model, names))
                .addJavadoc("@return a new open pool; close it (try-with-resources) to stop its workers\n");
        MethodSpec.Builder withOptions = factory(model)
                .addJavadoc("Creates a pool with {@code $N}.\nWorkers start with the first call.\n", options)
                .addJavadoc(sharedParagraph(model, names))
                .addJavadoc("\n")
                .addJavadoc(sharedParam(model, names))
                .addJavadoc("@param $N how many workers, of which kind, and how they live\n", options)
                .addJavadoc("@return a new open pool; close it (try-with-resources) to stop its workers\n");
        if (model.takesReceiver()) {
            defaults.addParameter(model.source(), shared)
                    .addStatement("return create($N, $T.defaults())", shared, RuntimeTypes.POOL_OPTIONS);
            withOptions.addParameter(model.source(), shared)
                    .addStatement("$T.requireNonNull($N, $S)", Objects.class, shared, shared);
        } else {
            defaults.addStatement("return create($T.defaults())", RuntimeTypes.POOL_OPTIONS);
        }
        withOptions.addParameter(RuntimeTypes.POOL_OPTIONS, options)
                .addStatement("$T.requireNonNull($N, $S)", Objects.class, options, options)
                .addStatement(model.takesReceiver() ? "return new $T($N, $N)" : "return new $T($N)",
                        model.takesReceiver()
                                ? new Object[] {model.generated(), shared, options}
                                : new Object[] {model.generated(), options});
        type.addMethod(defaults.build()).addMethod(withOptions.build());
    }

    private static MethodSpec.Builder factory(ClassModel model) {
        return MethodSpec.methodBuilder("create")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(model.generated());
    }

    /** The paragraph on the shared receiver, when there is one. */
    private static CodeBlock sharedParagraph(ClassModel model, GeneratedNames names) {
        return model.takesReceiver()
                ? CodeBlock.of("\n<p>Every task calls its method on {@code $N}.\nThread workers share this one "
                        + "object, so it must be safe to use from several threads at once;\nprocess workers "
                        + "each receive one copy, sent once.\n", names.shared())
                : CodeBlock.of("");
    }

    /** The {@code @param} of the shared receiver, when there is one. */
    private static CodeBlock sharedParam(ClassModel model, GeneratedNames names) {
        return model.takesReceiver()
                ? CodeBlock.of("@param $N the instance whose methods the workers call\n", names.shared())
                : CodeBlock.of("");
    }
}
