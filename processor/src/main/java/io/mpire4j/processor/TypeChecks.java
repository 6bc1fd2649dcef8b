package io.mpire4j.processor;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/** Questions about the types in a method's signature. Stateless. */
final class TypeChecks {
    private TypeChecks() {}

    /** The first type in {@code method}'s signature that is not resolved yet, if any. */
    static Optional<TypeMirror> unresolvedType(ExecutableElement method) {
        Optional<TypeMirror> found = find(method.getReturnType(), TypeChecks::isError);
        for (VariableElement parameter : method.getParameters()) {
            if (found.isPresent()) {
                return found;
            }
            found = find(parameter.asType(), TypeChecks::isError);
        }
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (found.isPresent()) {
                return found;
            }
            found = find(thrown, TypeChecks::isError);
        }
        return found;
    }

    /** Whether {@code type} is or contains a raw use of a generic class. */
    static boolean containsRawType(TypeMirror type) {
        return find(type, TypeChecks::isRaw).isPresent();
    }

    /** The first type in {@code type} that code in {@code pkg} cannot name, if any. */
    static Optional<TypeMirror> inaccessibleType(TypeMirror type, PackageElement pkg, Elements elements) {
        return find(type, t -> t.getKind() == TypeKind.DECLARED
                && !isAccessible((TypeElement) ((DeclaredType) t).asElement(), pkg, elements));
    }

    /** Whether code in {@code pkg} can name {@code type}: neither it nor an enclosing class is hidden. */
    static boolean isAccessible(TypeElement type, PackageElement pkg, Elements elements) {
        boolean samePackage = elements.getPackageOf(type).equals(pkg);
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isError(TypeMirror type) {
        return type.getKind() == TypeKind.ERROR;
    }

    private static boolean isRaw(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType declared = (DeclaredType) type;
        return declared.getTypeArguments().isEmpty()
                && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty();
    }

    /** Depth-first search of {@code type}, its type arguments, components and bounds. */
    private static Optional<TypeMirror> find(TypeMirror type, java.util.function.Predicate<TypeMirror> test) {
        if (type == null) {
            return Optional.empty();
        }
        if (test.test(type)) {
            return Optional.of(type);
        }
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                Optional<TypeMirror> found = find(declared.getEnclosingType(), test);
                for (TypeMirror argument : declared.getTypeArguments()) {
                    if (found.isPresent()) {
                        return found;
                    }
                    found = find(argument, test);
                }
                return found;
            }
            case ARRAY -> {
                return find(((ArrayType) type).getComponentType(), test);
            }
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                Optional<TypeMirror> found = find(wildcard.getExtendsBound(), test);
                return found.isPresent() ? found : find(wildcard.getSuperBound(), test);
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
