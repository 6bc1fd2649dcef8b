package io.mpire4j.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validation (warnings only): finds the values that must cross to a child JVM on
 * {@code PROCESSES} workers (task arguments, results, exit results, the shared receiver) whose
 * declared type contains a type that can cross neither by a generated codec nor by serialization,
 * and warns on the element that declares it. Such a value compiles and works on threads, but a
 * {@code PROCESSES} pool fails with it only at run time, after the work is done.
 *
 * <p>A type crosses when {@link CodecFactory} gives it a codec of its own (primitives, boxes,
 * strings, the JDK value types, enums, arrays of crossing types, {@code List}/{@code Set}/
 * {@code Map}/{@code Optional} of crossing types, records whose components cross) or, for the
 * rest, when it is {@code Serializable}. Interfaces, {@code Object} and type variables are given
 * the benefit of the doubt: their values may well be serializable. The warning is suppressed by
 * {@code @SuppressWarnings("mpire4j.crossing")} on the element or any element around it.
 * Confined to the compiler's processing thread.
 */
final class CrossingCheck {
    /** The key of {@code @SuppressWarnings} that silences this check, and the tag of its message. */
    static final String KEY = "mpire4j.crossing";

    private static final Set<String> VALUES = Set.of(
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.String",
            "java.lang.Void", "java.nio.file.Path", "java.net.URI", "java.util.UUID", "java.math.BigInteger",
            "java.math.BigDecimal", "java.time.Instant", "java.time.Duration", "java.time.LocalDate",
            "java.time.LocalTime", "java.time.LocalDateTime", "java.time.ZonedDateTime");
    private static final Set<String> CONTAINERS = Set.of(
            "java.util.List", "java.util.Set", "java.util.Map", "java.util.Optional");

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final TypeMirror serializable;

    CrossingCheck(Elements elements, Types types, Reporter reporter) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
        TypeElement element = elements.getTypeElement("java.io.Serializable");
        this.serializable = element == null ? null : element.asType();
    }

    /**
     * The check as the processor option {@code mpire4j.crossing} asks: {@code null} (not given) or
     * {@code "warn"} gives a check, {@code "off"} gives none; anything else is reported as an error
     * and the check runs.
     */
    static CrossingCheck fromOption(String value, Elements elements, Types types, Reporter reporter) {
        if ("off".equals(value)) {
            return null;
        }
        if (value != null && !value.equals("warn")) {
            reporter.error(Message.BAD_OPTION, KEY, value, "warn, off");
        }
        return new CrossingCheck(elements, types, reporter);
    }

    /** Warns about every value of a valid annotated class that cannot cross to a child JVM. */
    void check(AnnotatedClass annotated) {
        if (serializable == null) {
            return;
        }
        PackageElement pkg = elements.getPackageOf(annotated.type());
        boolean receiver = false;
        for (ExecutableElement method : annotated.parallel()) {
            receiver |= !method.getModifiers().contains(Modifier.STATIC);
            for (VariableElement parameter : method.getParameters()) {
                if (!Annotations.WORKER_STATE.isOn(parameter) && !Annotations.WORKER_ID.isOn(parameter)) {
                    check(parameter, parameter.asType(), pkg, "parameter '" + parameter.getSimpleName()
                            + "' of @Parallel method '" + method.getSimpleName() + "'");
                }
            }
            check(method, method.getReturnType(), pkg, "the result of @Parallel method '" + method.getSimpleName() + "'");
        }
        for (ExecutableElement exit : annotated.exits()) {
            check(exit, exit.getReturnType(), pkg, "the result of @WorkerExit method '" + exit.getSimpleName() + "'");
        }
        if (receiver) {
            TypeElement type = annotated.type();
            check(type, type.asType(), pkg, "the shared receiver of the instance @Parallel methods of '"
                    + type.getSimpleName() + "' (sent once to each child JVM)");
        }
    }

    private void check(Element element, TypeMirror type, PackageElement pkg, String where) {
        if (type.getKind() == TypeKind.VOID || isSuppressed(element)) {
            return;
        }
        Optional<TypeMirror> stuck = firstStuck(type, pkg, new HashSet<>());
        if (stuck.isPresent()) {
            String name = stuck.get().toString();
            String fix = isRecordOrEnumCandidate(stuck.get())
                    ? "implement java.io.Serializable (or make it a record whose components cross)"
                    : "implement java.io.Serializable";
            String declared = types.isSameType(types.erasure(type), stuck.get()) ? "" : " (declared as '" + type + "')";
            reporter.warning(element, Message.CROSSING, name, where, declared, fix, KEY);
        }
    }

    /**
     * The first type in {@code type} that crosses neither by codec nor by serialization;
     * {@code seen} holds the records on the way to it.
     */
    private Optional<TypeMirror> firstStuck(TypeMirror type, PackageElement pkg, Set<Element> seen) {
        TypeKind kind = type.getKind();
        if (kind.isPrimitive() || kind == TypeKind.VOID) {
            return Optional.empty();
        }
        if (type instanceof ArrayType array) {
            return firstStuck(array.getComponentType(), pkg, seen);
        }
        if (!(type instanceof DeclaredType declared)) {
            return Optional.empty(); // type variables, wildcards, errors: nothing to say for sure
        }
        TypeElement element = (TypeElement) declared.asElement();
        String qualified = element.getQualifiedName().toString();
        if (VALUES.contains(qualified) || element.getKind() == ElementKind.ENUM) {
            return Optional.empty();
        }
        if (CONTAINERS.contains(qualified)) {
            for (TypeMirror argument : declared.getTypeArguments()) {
                Optional<TypeMirror> stuck = firstStuck(argument, pkg, seen);
                if (stuck.isPresent()) {
                    return stuck;
                }
            }
            return Optional.empty();
        }
        if (element.getKind() == ElementKind.RECORD && isCodecRecord(declared, element, pkg)) {
            if (!seen.add(element)) { // a record that contains itself is serialized
                return types.isAssignable(types.erasure(type), serializable) ? Optional.empty()
                        : Optional.of(types.erasure(type));
            }
            try {
                for (RecordComponentElement component : element.getRecordComponents()) {
                    TypeMirror componentType = ((ExecutableType) types.asMemberOf(declared, component.getAccessor()))
                            .getReturnType();
                    Optional<TypeMirror> stuck = firstStuck(componentType, pkg, seen);
                    if (stuck.isPresent()) {
                        return stuck;
                    }
                }
                return Optional.empty();
            } finally {
                seen.remove(element);
            }
        }
        return serializedStuck(type);
    }

    /**
     * For a value that crosses by Java serialization (no codec of its own): the type itself must
     * be {@code Serializable}, and for a collection or map so must what its type arguments name
     * ({@code ArrayList<Stats>} serializes its {@code Stats}).
     */
    private Optional<TypeMirror> serializedStuck(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return serializedStuck(array.getComponentType());
        }
        if (!(type instanceof DeclaredType declared)) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) declared.asElement();
        boolean benefitOfDoubt = element.getKind() == ElementKind.INTERFACE
                || element.getQualifiedName().contentEquals("java.lang.Object");
        if (!benefitOfDoubt && !types.isAssignable(types.erasure(type), serializable)) {
            return Optional.of(types.erasure(type));
        }
        if (isContainer(type)) {
            for (TypeMirror argument : declared.getTypeArguments()) {
                Optional<TypeMirror> stuck = serializedStuck(argument);
                if (stuck.isPresent()) {
                    return stuck;
                }
            }
        }
        return Optional.empty();
    }

    /** A collection or map: what its type arguments name, it holds (unlike {@code Comparable<T>}). */
    private boolean isContainer(TypeMirror type) {
        for (String container : List.of("java.util.Collection", "java.util.Map")) {
            TypeElement element = elements.getTypeElement(container);
            if (element != null && types.isAssignable(types.erasure(type), types.erasure(element.asType()))) {
                return true;
            }
        }
        return false;
    }

    /** As {@link CodecFactory} decides: a record it writes component by component. */
    private boolean isCodecRecord(DeclaredType type, TypeElement element, PackageElement pkg) {
        if (TypeChecks.containsRawType(type)) {
            return false;
        }
        for (TypeMirror argument : type.getTypeArguments()) {
            if (argument.getKind() == TypeKind.WILDCARD || argument.getKind() == TypeKind.TYPEVAR) {
                return false;
            }
        }
        for (RecordComponentElement component : element.getRecordComponents()) {
            TypeMirror componentType = ((ExecutableType) types.asMemberOf(type, component.getAccessor())).getReturnType();
            if (TypeChecks.inaccessibleType(componentType, pkg, elements).isPresent()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRecordOrEnumCandidate(TypeMirror type) {
        return type instanceof DeclaredType declared && declared.asElement().getKind() == ElementKind.CLASS;
    }

    /** Whether {@code @SuppressWarnings("mpire4j.crossing")} is on {@code element} or around it. */
    private static boolean isSuppressed(Element element) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && List.of(suppress.value()).contains(KEY)) {
                return true;
            }
        }
        return false;
    }
}
