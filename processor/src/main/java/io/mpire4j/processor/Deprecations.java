package io.mpire4j.processor;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Model: which of {@code "deprecation"} and {@code "removal"} the generated class must suppress,
 * because it repeats what the user's code uses: the annotated class and methods, the types in their
 * signatures, and what the codecs call on records (canonical constructor, accessors) and enums. The
 * user's own code already accepted these warnings (or is deprecated itself); the generated class
 * must not add them. Confined to the compiler's processing thread.
 */
final class Deprecations {
    private final Elements elements;
    private final Set<String> found = new TreeSet<>();
    private final Set<Element> visited = new HashSet<>();

    private Deprecations(Elements elements) {
        this.elements = elements;
    }

    /** {@code "deprecation"}, {@code "removal"}, both or neither, in that order. */
    static Set<String> of(AnnotatedClass annotated, Elements elements) {
        Deprecations deprecations = new Deprecations(elements);
        deprecations.type(annotated.type().asType());
        for (ExecutableElement method : annotated.annotatedMethods()) {
            deprecations.check(method);
            deprecations.type(method.getReturnType());
            for (VariableElement parameter : method.getParameters()) {
                deprecations.type(parameter.asType());
            }
        }
        return deprecations.found;
    }

    private void type(TypeMirror type) {
        switch (type) {
            case ArrayType array -> type(array.getComponentType());
            case WildcardType wildcard -> {
                if (wildcard.getExtendsBound() != null) {
                    type(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    type(wildcard.getSuperBound());
                }
            }
            case DeclaredType declared -> {
                declared.getTypeArguments().forEach(this::type);
                TypeElement element = (TypeElement) declared.asElement();
                if (!visited.add(element)) {
                    return;
                }
                for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
                    check(e);
                }
                if (element.getKind() == ElementKind.RECORD) {
                    for (RecordComponentElement component : element.getRecordComponents()) {
                        check(component.getAccessor());
                        type(component.asType());
                    }
                    ElementFilter.constructorsIn(element.getEnclosedElements()).forEach(this::check);
                } else if (element.getKind() == ElementKind.ENUM) {
                    ElementFilter.methodsIn(element.getEnclosedElements()).stream()
                            .filter(m -> m.getSimpleName().contentEquals("values"))
                            .forEach(this::check);
                }
            }
            default -> { }
        }
    }

    private void check(Element element) {
        if (elements.isDeprecated(element)) {
            Deprecated deprecated = element.getAnnotation(Deprecated.class);
            found.add(deprecated != null && deprecated.forRemoval() ? "removal" : "deprecation");
        }
    }
}
