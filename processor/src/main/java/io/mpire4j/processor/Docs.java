package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;

/** Javadoc pieces shared by the writer's parts. Stateless. */
final class Docs {
    /** The thread-safety sentence every generated member carries. */
    static final String THREAD_SAFE = "Thread-safe: calls may come from several threads at once.";

    private Docs() {}

    /** {@code {@link Foo#fit(double[], int)}}. */
    static CodeBlock link(ClassName source, MethodModel method) {
        CodeBlock.Builder link = CodeBlock.builder().add("{@link $T#$L(", source, method.name());
        String separator = "";
        for (TypeName type : method.linkTypes()) {
            link.add(separator).add("$T", type);
            separator = ", ";
        }
        return link.add(")}").build();
    }

    /** {@code {@link Foo#fit(double[], int)}} for a method of {@code model}'s class. */
    static CodeBlock link(ClassModel model, MethodModel method) {
        return link(model.source(), method);
    }
}
