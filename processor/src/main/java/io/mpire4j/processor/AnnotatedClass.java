package io.mpire4j.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Discovery: a class that carries mpire4j annotations, with its annotated methods sorted by
 * annotation, each list in source order. Methods with two or more of the method annotations are in
 * {@link #conflicting()} only; methods with none are in {@link #plain()}.
 */
record AnnotatedClass(
        TypeElement type,
        List<ExecutableElement> parallel,
        List<ExecutableElement> inits,
        List<ExecutableElement> exits,
        List<ExecutableElement> conflicting,
        List<ExecutableElement> plain) {

    /**
     * The classes of a round that hold an annotated method or a method with an annotated
     * parameter, in the compiler's order, without duplicates.
     */
    static Set<TypeElement> classesIn(RoundEnvironment round) {
        Set<TypeElement> classes = new LinkedHashSet<>();
        for (Annotations annotation : Annotations.values()) {
            for (Element element : round.getElementsAnnotatedWith(annotation.type())) {
                Element method = annotation.isParameterAnnotation() ? element.getEnclosingElement() : element;
                if (method != null && method.getEnclosingElement() instanceof TypeElement type) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    /** Sorts the methods and constructors of {@code type}. */
    static AnnotatedClass scan(TypeElement type) {
        List<ExecutableElement> parallel = new ArrayList<>();
        List<ExecutableElement> inits = new ArrayList<>();
        List<ExecutableElement> exits = new ArrayList<>();
        List<ExecutableElement> conflicting = new ArrayList<>();
        List<ExecutableElement> plain = new ArrayList<>();
        for (Element member : type.getEnclosedElements()) {
            if (!(member instanceof ExecutableElement method)) {
                continue;
            }
            List<Annotations> on = Annotations.methodAnnotationsOn(method);
            if (on.isEmpty()) {
                plain.add(method);
            } else if (on.size() > 1) {
                conflicting.add(method);
            } else {
                switch (on.get(0)) {
                    case PARALLEL -> parallel.add(method);
                    case WORKER_INIT -> inits.add(method);
                    case WORKER_EXIT -> exits.add(method);
                    default -> throw new AssertionError(on);
                }
            }
        }
        return new AnnotatedClass(type, parallel, inits, exits, conflicting, plain);
    }

    AnnotatedClass {
        parallel = List.copyOf(parallel);
        inits = List.copyOf(inits);
        exits = List.copyOf(exits);
        conflicting = List.copyOf(conflicting);
        plain = List.copyOf(plain);
    }

    /** Every method with exactly one method annotation, in source order. */
    List<ExecutableElement> annotatedMethods() {
        List<ExecutableElement> all = new ArrayList<>();
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof ExecutableElement m
                    && (parallel.contains(m) || inits.contains(m) || exits.contains(m))) {
                all.add(m);
            }
        }
        return all;
    }

    /** The annotation that put {@code method} in this class's lists. */
    Annotations annotationOf(ExecutableElement method) {
        if (parallel.contains(method)) {
            return Annotations.PARALLEL;
        }
        return inits.contains(method) ? Annotations.WORKER_INIT : Annotations.WORKER_EXIT;
    }

    /** The {@code @WorkerInit} method the class uses: the first one. */
    Optional<ExecutableElement> init() {
        return inits.stream().findFirst();
    }

    /** The {@code @WorkerExit} method the class uses: the first one. */
    Optional<ExecutableElement> exit() {
        return exits.stream().findFirst();
    }

    /** The first annotated method whose signature mentions a type not resolved yet, if any. */
    Optional<Unresolved> firstUnresolved() {
        for (ExecutableElement method : annotatedMethods()) {
            Optional<TypeMirror> type = TypeChecks.unresolvedType(method);
            if (type.isPresent()) {
                return Optional.of(new Unresolved(method, type.get()));
            }
        }
        return Optional.empty();
    }

    /** A method whose signature mentions an unresolved type. */
    record Unresolved(ExecutableElement method, TypeMirror type) {}
}
