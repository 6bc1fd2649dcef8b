package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * @param qualifiedNames simple names the generated class must always write qualified: a type of the
 *     user's package shadows the JDK or runtime type of that name, or a nested class of the generated
 *     class hides the user's type of that name
 * @param deprecations which of {@code "deprecation"} and {@code "removal"} the generated class
 *     suppresses, as it repeats deprecated classes, methods or types of the user's code
 * @param providerName the simple name of the nested {@code ProgramProvider}: {@code Provider}, unless
 *     a type of the default package (which cannot be written qualified) has that name
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
        boolean usesRawTypes,
        Set<String> qualifiedNames,
        Set<String> deprecations,
        String providerName) {

    ClassModel {
        methods = List.copyOf(methods);
        qualifiedNames = Set.copyOf(qualifiedNames);
        deprecations = Collections.unmodifiableSet(new TreeSet<>(deprecations));
    }

    /** The nested {@code ProgramProvider} class. */
    ClassName provider() {
        return generated.nestedClass(providerName);
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
