package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Everything the writer needs to generate one {@code *Parallel} class: a validated annotated class.
 *
 * @param origin the annotated class, recorded as the generated file's originating element
 * @param source the annotated class
 * @param generated the class to write: {@code p.FooParallel}, {@code p.Outer_InnerParallel}
 * @param programName the class name relative to its package, as in source ({@code "Outer.Inner"})
 * @param receiverCodec how the shared instance crosses to a child JVM, when an annotated method is an
 *     instance method (the factories then take the shared instance)
 * @param stateType the worker state type {@code S} (boxed; {@code Void} without a state)
 * @param exitType the exit result type {@code E} (boxed; {@code Void} without a result)
 * @param init the {@code @WorkerInit} method, if any
 * @param exit the {@code @WorkerExit} method, if any
 * @param methods the {@code @Parallel} methods, in source order
 * @param usesRawTypes whether a signature the generated code repeats contains a raw type, so the
 *     generated class must suppress the warnings the user's own code already accepted
 */
record ClassModel(
        Element origin,
        ClassName source,
        ClassName generated,
        String programName,
        Optional<CodecModel> receiverCodec,
        TypeName stateType,
        TypeName exitType,
        Optional<MethodModel> init,
        Optional<MethodModel> exit,
        List<MethodModel> methods,
        boolean usesRawTypes) {

    ClassModel {
        methods = List.copyOf(methods);
    }

    /** Whether any annotated method is an instance method, so that the factories take the shared instance. */
    boolean takesReceiver() {
        return receiverCodec.isPresent();
    }

    /** Whether {@code exitResults()} is generated: a {@code @WorkerExit} that returns a value. */
    boolean hasExitResults() {
        return exit.isPresent() && !exit.get().returnsVoid();
    }
}
