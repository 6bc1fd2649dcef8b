package io.mpire4j.processor;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: one nested {@code <Name>Args} class per {@code @Parallel} method with two or more
 * task arguments, written as a record would be (JavaPoet 1.13 cannot emit records): a
 * {@code private final} field per task parameter, with the user's names, in order; a constructor
 * taking them; accessors named like them; value-based {@code equals}, {@code hashCode} and a
 * record-like {@code toString}. Arrays are compared, hashed and printed by content, so the class
 * stays a value and failure reports stay readable.
 */
final class AddArgsClass {
    private AddArgsClass() {}

    static void addTo(TypeSpec.Builder type, ClassModel model) {
        for (MethodModel method : model.methods()) {
            if (method.hasArgsClass()) {
                type.addType(argsClass(model, method));
            }
        }
    }

    private static TypeSpec argsClass(ClassModel model, MethodModel method) {
        ClassName name = Signatures.argsClass(model, method);
        List<ParameterModel> components = method.taskParameters();
        boolean hasArrays = components.stream().anyMatch(c -> isArray(c.type()));
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Arguments of $L: one task.\n$L\n", Docs.link(model, method),
                        hasArrays ? "Immutable (arrays are held, not copied)." : "Immutable.")
                // A field named like a type used here (Arrays, Double, ...) hides that type; JavaPoet then
                // writes the type qualified (in the whole file: only odd parameter names pay for this).
                .alwaysQualify(components.stream().map(ParameterModel::name).toArray(String[]::new));
        for (ParameterModel component : components) {
            type.addField(FieldSpec.builder(component.type(), component.name(), Modifier.PRIVATE, Modifier.FINAL)
                    .build());
        }
        type.addMethod(constructor(components, hasArrays));
        for (ParameterModel component : components) {
            type.addMethod(accessor(component));
        }
        return type.addMethod(equalsMethod(name, components, hasArrays))
                .addMethod(hashCodeMethod(components, hasArrays))
                .addMethod(toStringMethod(name, components, hasArrays))
                .build();
    }

    private static MethodSpec constructor(List<ParameterModel> components, boolean hasArrays) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Creates the arguments of one task$L.\n\n", hasArrays ? "; arrays are held, not copied" : "");
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        for (ParameterModel component : components) {
            doc.add("@param $N the task's {@code $N}\n", component.name(), component.name());
            constructor.addParameter(component.type(), component.name())
                    .addStatement("this.$N = $N", component.name(), component.name());
        }
        return constructor.addJavadoc(doc.build()).build();
    }

    private static MethodSpec accessor(ParameterModel component) {
        return MethodSpec.methodBuilder(component.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(component.type())
                .addJavadoc("The task's {@code $N}.\n\n@return $L\n", component.name(),
                        isArray(component.type())
                                ? "the array passed to the constructor, not a copy"
                                : CodeBlock.of("the {@code $N} passed to the constructor", component.name()))
                .addStatement("return this.$N", component.name())
                .build();
    }

    /** {@code other instanceof FitArgs that && Arrays.equals(this.xs, that.xs) && this.degree == that.degree}. */
    private static MethodSpec equalsMethod(ClassName name, List<ParameterModel> components, boolean hasArrays) {
        CodeBlock.Builder test = CodeBlock.builder().add("other instanceof $T that", name);
        for (ParameterModel component : components) {
            test.add("\n&& $L", equal(component));
        }
        return MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(Object.class, "other")
                .addJavadoc("Whether {@code other} is a {@code $L} with equal arguments, compared as a record\n"
                        + "compares its components$L.\n\n"
                        + "@param other the object to compare with\n"
                        + "@return {@code true} if every argument is equal\n",
                        name.simpleName(), hasArrays ? ", but arrays by their contents" : "")
                .addStatement("return $L", test.build())
                .build();
    }

    /** {@code int hash = Arrays.hashCode(this.xs); hash = 31 * hash + Integer.hashCode(this.degree); ...}. */
    private static MethodSpec hashCodeMethod(List<ParameterModel> components, boolean hasArrays) {
        MethodSpec.Builder hashCode = MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addJavadoc("A hash code of the arguments$L,\nconsistent with {@link #equals(Object)}.\n\n"
                        + "@return the hash code\n", hasArrays ? " (arrays by their contents)" : "");
        ParameterModel first = components.get(0);
        hashCode.addStatement("int hash = $L", hash(first));
        for (ParameterModel component : components.subList(1, components.size())) {
            hashCode.addStatement("hash = 31 * hash + $L", hash(component));
        }
        return hashCode.addStatement("return hash").build();
    }

    /** {@code "FitArgs[xs=" + Arrays.toString(this.xs) + ", degree=" + this.degree + "]"}. */
    private static MethodSpec toStringMethod(ClassName name, List<ParameterModel> components, boolean hasArrays) {
        CodeBlock.Builder text = CodeBlock.builder();
        String prefix = name.simpleName() + "[";
        for (ParameterModel component : components) {
            text.add("$S + $L$W+ ", prefix + component.name() + "=", text(component));
            prefix = ", ";
        }
        CodeBlock example = components.stream()
                .map(c -> CodeBlock.of("$N=...", c.name()))
                .collect(CodeBlock.joining(", ", name.simpleName() + "[", "]"));
        return MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc("The arguments as text, as a record prints its components$L:\n{@code $L}.\n\n"
                        + "@return the text\n", hasArrays ? ", but arrays with their contents" : "", example)
                .addStatement("return $L$S", text.build(), "]")
                .build();
    }

    private static boolean isArray(TypeName type) {
        return type instanceof ArrayTypeName;
    }

    /** Whether a floating-point component, compared as records do ({@code Double.compare(a, b) == 0}). */
    private static boolean isFloating(TypeName type) {
        return type.equals(TypeName.DOUBLE) || type.equals(TypeName.FLOAT);
    }

    /** {@code Arrays.toString} for an array of primitives, {@code Arrays.deepToString} for others. */
    private static String arrayMethod(ArrayTypeName array, String plain, String deep) {
        return array.componentType.isPrimitive() ? plain : deep;
    }

    /** Whether {@code this.c} equals {@code that.c}. */
    private static CodeBlock equal(ParameterModel component) {
        TypeName type = component.type();
        String name = component.name();
        if (type instanceof ArrayTypeName array) {
            return CodeBlock.of("$T.$L(this.$N, that.$N)", Arrays.class, arrayMethod(array, "equals", "deepEquals"),
                    name, name);
        }
        if (isFloating(type)) {
            return CodeBlock.of("$T.compare(this.$N, that.$N) == 0", type.box(), name, name);
        }
        return type.isPrimitive()
                ? CodeBlock.of("this.$N == that.$N", name, name)
                : CodeBlock.of("$T.equals(this.$N, that.$N)", Objects.class, name, name);
    }

    /** The hash code of {@code this.c}. */
    private static CodeBlock hash(ParameterModel component) {
        TypeName type = component.type();
        String name = component.name();
        if (type instanceof ArrayTypeName array) {
            return CodeBlock.of("$T.$L(this.$N)", Arrays.class, arrayMethod(array, "hashCode", "deepHashCode"), name);
        }
        return CodeBlock.of("$T.hashCode(this.$N)", type.isPrimitive() ? type.box() : TypeName.get(Objects.class),
                name);
    }

    /** {@code this.c} as text. */
    private static CodeBlock text(ParameterModel component) {
        String name = component.name();
        return component.type() instanceof ArrayTypeName array
                ? CodeBlock.of("$T.$L(this.$N)", Arrays.class, arrayMethod(array, "toString", "deepToString"), name)
                : CodeBlock.of("this.$N", name);
    }
}
