package io.mpire4j.processor;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
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
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Model: chooses the {@link CodecModel} of a declared type, for code in one package.
 *
 * <ul>
 *   <li>primitives, their boxes, {@code Void} and {@code String}: a {@code Codecs} constant (the boxed
 *       codec for a primitive);
 *   <li>enums: {@code Codecs.enumOf(E.values())};
 *   <li>arrays of primitives: {@code Codecs.INT_ARRAY} and its siblings; arrays of a reifiable,
 *       non-generic element: {@code Codecs.array(element, E[]::new)};
 *   <li>exactly {@code java.util.List<X>}, {@code Set<X>} and {@code Map<K, V>}, without wildcards:
 *       {@code Codecs.list}, {@code set} and {@code map} of their type arguments' codecs (a
 *       {@code SortedSet}/{@code SortedMap} value keeps its JDK comparator through them); declared
 *       sorted types ({@code TreeSet}, {@code NavigableMap}, ...) are serialized with their comparator;
 *   <li>records whose component types the package can name: each component by its own codec,
 *       read back through the canonical constructor; a record that contains itself (directly or
 *       through other records) falls back to serialization;
 *   <li>anything else: {@code Codecs.serialized(Raw.class, ...)}, allowing the classes named in its
 *       type arguments and in the fields that serialization writes.
 * </ul>
 *
 * <p>One instance per generated class; it remembers the codec of every type it has seen, so a type
 * has the same codec wherever it appears. Confined to the compiler's processing thread.
 */
final class CodecFactory {
    private static final Map<TypeKind, String> PRIMITIVES = Map.of(
            TypeKind.BOOLEAN, "BOOLEAN", TypeKind.BYTE, "BYTE", TypeKind.SHORT, "SHORT", TypeKind.CHAR, "CHAR",
            TypeKind.INT, "INT", TypeKind.LONG, "LONG", TypeKind.FLOAT, "FLOAT", TypeKind.DOUBLE, "DOUBLE");
    private static final Map<String, String> CONSTANTS = Map.of(
            "java.lang.Boolean", "BOOLEAN", "java.lang.Byte", "BYTE", "java.lang.Short", "SHORT",
            "java.lang.Character", "CHAR", "java.lang.Integer", "INT", "java.lang.Long", "LONG",
            "java.lang.Float", "FLOAT", "java.lang.Double", "DOUBLE", "java.lang.String", "STRING",
            "java.lang.Void", "VOID");
    /** Everyday JDK value types, each with a compact codec of its own (a value crosses as its value). */
    private static final Map<String, String> JDK_VALUES = Map.ofEntries(
            Map.entry("java.nio.file.Path", "PATH"), Map.entry("java.net.URI", "URI"),
            Map.entry("java.util.UUID", "UUID"), Map.entry("java.math.BigInteger", "BIG_INTEGER"),
            Map.entry("java.math.BigDecimal", "BIG_DECIMAL"), Map.entry("java.time.Instant", "INSTANT"),
            Map.entry("java.time.Duration", "DURATION"), Map.entry("java.time.LocalDate", "LOCAL_DATE"),
            Map.entry("java.time.LocalTime", "LOCAL_TIME"), Map.entry("java.time.LocalDateTime", "LOCAL_DATE_TIME"),
            Map.entry("java.time.ZonedDateTime", "ZONED_DATE_TIME"));
    private static final Map<String, String> COLLECTIONS = Map.of(
            "java.util.List", "list", "java.util.Set", "set");

    private final Elements elements;
    private final Types types;
    private final PackageElement pkg;
    private final Map<TypeName, CodecModel> known = new HashMap<>();
    /** The records whose codecs are being built, outermost first. */
    private final List<TypeName> building = new ArrayList<>();
    /** Records found to contain themselves. */
    private final Set<TypeName> recursive = new HashSet<>();

    CodecFactory(Elements elements, Types types, PackageElement pkg) {
        this.elements = elements;
        this.types = types;
        this.pkg = pkg;
    }

    /** The codec of values of {@code type}, which code in the package can name. */
    CodecModel codec(TypeMirror type) {
        TypeName name = TypeName.get(type);
        CodecModel codec = known.get(name);
        if (codec == null) {
            codec = choose(type, name);
            known.put(name, codec);
        }
        return codec;
    }

    private CodecModel choose(TypeMirror type, TypeName name) {
        TypeKind kind = type.getKind();
        if (kind.isPrimitive()) {
            return new CodecModel.Constant(name.box(), PRIMITIVES.get(kind));
        }
        if (kind == TypeKind.VOID) {
            return new CodecModel.Constant(TypeName.VOID.box(), "VOID");
        }
        if (type instanceof ArrayType array) {
            TypeMirror component = array.getComponentType();
            if (component.getKind().isPrimitive()) {
                return new CodecModel.Constant(name, PRIMITIVES.get(component.getKind()) + "_ARRAY");
            }
            return isReifiable(component)
                    ? new CodecModel.ArrayCodec((ArrayTypeName) name, codec(component))
                    : serialized(type, name);
        }
        if (!(type instanceof DeclaredType declared)) {
            return serialized(type, name);
        }
        TypeElement element = (TypeElement) declared.asElement();
        String qualified = element.getQualifiedName().toString();
        List<? extends TypeMirror> arguments = declared.getTypeArguments();
        if (CONSTANTS.containsKey(qualified)) {
            return new CodecModel.Constant(name, CONSTANTS.get(qualified));
        }
        if (JDK_VALUES.containsKey(qualified)) {
            return new CodecModel.Constant(name, JDK_VALUES.get(qualified));
        }
        if (qualified.equals("java.util.Optional") && arguments.size() == 1 && isConcrete(arguments.get(0))) {
            return new CodecModel.CollectionCodec(name, "optional", codec(arguments.get(0)));
        }
        if (element.getKind() == ElementKind.ENUM) {
            return new CodecModel.EnumCodec(ClassName.get(element));
        }
        if (COLLECTIONS.containsKey(qualified) && arguments.size() == 1 && isConcrete(arguments.get(0))) {
            return new CodecModel.CollectionCodec(name, COLLECTIONS.get(qualified), codec(arguments.get(0)));
        }
        if (qualified.equals("java.util.Map") && arguments.size() == 2
                && isConcrete(arguments.get(0)) && isConcrete(arguments.get(1))) {
            return new CodecModel.MapCodec(name, codec(arguments.get(0)), codec(arguments.get(1)));
        }
        if (element.getKind() == ElementKind.RECORD && isRecordCodecPossible(declared, element)) {
            return record(declared, element, name);
        }
        return serialized(type, name);
    }

    /**
     * Each component by its own codec; {@link #serialized} if the record turns out to contain
     * itself, as would every record on the way back to it.
     */
    private CodecModel record(DeclaredType type, TypeElement element, TypeName name) {
        int at = building.indexOf(name);
        if (at >= 0) {
            recursive.addAll(building.subList(at, building.size()));
            return serialized(type, name);
        }
        building.add(name);
        List<CodecModel.Component> components = new ArrayList<>();
        for (RecordComponentElement component : element.getRecordComponents()) {
            components.add(new CodecModel.Component(component.getSimpleName().toString(),
                    codec(componentType(type, component))));
        }
        building.remove(building.size() - 1);
        return recursive.contains(name) ? serialized(type, name) : new CodecModel.ValueCodec(name, components);
    }

    /**
     * Whether a record can be written component by component: not raw, no wildcard arguments, and
     * every component's type can be named from the package.
     */
    private boolean isRecordCodecPossible(DeclaredType type, TypeElement element) {
        if (TypeChecks.containsRawType(type) || !type.getTypeArguments().stream().allMatch(this::isConcrete)) {
            return false;
        }
        for (RecordComponentElement component : element.getRecordComponents()) {
            if (TypeChecks.inaccessibleType(componentType(type, component), pkg, elements).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /** The component's type in {@code type}, type arguments substituted. */
    private TypeMirror componentType(DeclaredType type, RecordComponentElement component) {
        return ((ExecutableType) types.asMemberOf(type, component.getAccessor())).getReturnType();
    }

    /**
     * Java serialization of {@code type}, allowing the classes named by its type arguments and array
     * elements, and by the fields that serialization writes (see {@link #collectFields}).
     */
    private CodecModel serialized(TypeMirror type, TypeName name) {
        TypeMirror raw = types.erasure(type);
        Set<TypeName> allowed = new LinkedHashSet<>();
        Set<TypeElement> visited = new HashSet<>();
        collectAllowed(type, true, allowed, visited);
        TypeName rawName = TypeName.get(raw).withoutAnnotations();
        allowed.remove(rawName);
        return new CodecModel.Serialized(name, rawName, new ArrayList<>(allowed));
    }

    /**
     * Adds the erasures of the declared types in {@code type} that the runtime's deserialization
     * filter does not always allow and that the package can name, then those of their fields. The
     * serialized value's own class ({@code outermost}) is allowed already, but not, for an array, its
     * element class, which is what the filter checks.
     */
    private void collectAllowed(TypeMirror type, boolean outermost, Set<TypeName> allowed, Set<TypeElement> visited) {
        switch (type.getKind()) {
            case ARRAY -> collectAllowed(((ArrayType) type).getComponentType(), false, allowed, visited);
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    collectAllowed(wildcard.getExtendsBound(), false, allowed, visited);
                }
                if (wildcard.getSuperBound() != null) {
                    collectAllowed(wildcard.getSuperBound(), false, allowed, visited);
                }
            }
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                TypeElement element = (TypeElement) declared.asElement();
                if (!TypeChecks.isAccessible(element, pkg, elements)) {
                    return;
                }
                if (!outermost && !isAlwaysAllowed(declared)) {
                    allowed.add(TypeName.get(types.erasure(type)).withoutAnnotations());
                }
                for (TypeMirror argument : declared.getTypeArguments()) {
                    collectAllowed(argument, false, allowed, visited);
                }
                collectFields(element, allowed, visited);
            }
            default -> { }
        }
    }

    /**
     * Adds what the serialized fields of {@code element} and its superclasses hold: the types that
     * default serialization writes. The JDK's own classes are not looked into.
     */
    private void collectFields(TypeElement element, Set<TypeName> allowed, Set<TypeElement> visited) {
        String name = element.getQualifiedName().toString();
        if (name.startsWith("java.") || name.startsWith("javax.") || !visited.add(element)) {
            return;
        }
        for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
            Set<Modifier> modifiers = field.getModifiers();
            if (!modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)) {
                collectAllowed(field.asType(), false, allowed, visited);
            }
        }
        if (element.getSuperclass() instanceof DeclaredType superclass) {
            collectFields((TypeElement) superclass.asElement(), allowed, visited);
        }
    }

    /** What {@code Codecs.serialized} always accepts: strings, boxes, numbers, enums, JDK collections. */
    private boolean isAlwaysAllowed(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        String qualified = element.getQualifiedName().toString();
        if (element.getKind() == ElementKind.ENUM || CONSTANTS.containsKey(qualified)
                || qualified.equals("java.lang.Object") || isSubtype(type, "java.lang.Number")) {
            return true;
        }
        return qualified.startsWith("java.util.")
                && (isSubtype(type, "java.util.Collection") || isSubtype(type, "java.util.Map"));
    }

    private boolean isSubtype(TypeMirror type, String superType) {
        TypeElement element = elements.getTypeElement(superType);
        return element != null && types.isSubtype(types.erasure(type), types.erasure(element.asType()));
    }

    /** A type argument a collection codec can take: neither a wildcard nor a type variable. */
    private boolean isConcrete(TypeMirror argument) {
        TypeKind kind = argument.getKind();
        return kind != TypeKind.WILDCARD && kind != TypeKind.TYPEVAR;
    }

    /** An array element type {@code E} for which {@code E[]::new} compiles: no type arguments anywhere. */
    private static boolean isReifiable(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return isReifiable(array.getComponentType());
        }
        return type instanceof DeclaredType declared
                && declared.getTypeArguments().isEmpty()
                && ((TypeElement) declared.asElement()).getTypeParameters().isEmpty()
                && (declared.getEnclosingType().getKind() == TypeKind.NONE
                        || isReifiable(declared.getEnclosingType()));
    }
}
