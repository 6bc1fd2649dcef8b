package io.mpire4j.processor;

import com.squareup.javapoet.TypeName;
import java.util.List;

/**
 * One annotated method, as the writer needs it.
 *
 * @param name the method's name
 * @param isStatic whether it is called on the class ({@code true}) or on the shared receiver
 * @param parameters every parameter, in source order
 * @param returnType the declared return type ({@link TypeName#VOID} for {@code void})
 * @param linkTypes the erased parameter types, for {@code {@link Foo#m(A, B)}} in javadoc
 * @param varargs how the direct calls repeat the method's varargs
 * @param taskCodec how one task crosses to a child JVM: {@code Codecs.VOID} without task arguments,
 *     the codec of the only one, or that of the generated {@code <Name>Args} class
 * @param resultCodec how the return value crosses back ({@code Codecs.VOID} for {@code void})
 */
record MethodModel(
        String name,
        boolean isStatic,
        List<ParameterModel> parameters,
        TypeName returnType,
        List<TypeName> linkTypes,
        Varargs varargs,
        CodecModel taskCodec,
        CodecModel resultCodec) {

    MethodModel {
        parameters = List.copyOf(parameters);
        linkTypes = List.copyOf(linkTypes);
    }

    /** How the direct calls {@code m(args…)} and {@code mAsync(args…)} repeat the method's varargs. */
    enum Varargs {
        /** Not varargs: the method is not, or its varargs parameter is no task argument. */
        NONE,
        /** Varargs of a reifiable element type: {@code int...}, {@code int[]...}, {@code List<?>...}. */
        REIFIABLE,
        /** Varargs of a generic element type on a {@code @SafeVarargs} method: so is the direct call. */
        SAFE,
        /** Varargs of a generic element type without {@code @SafeVarargs}: the heap-pollution warning
         * the user's declaration has is suppressed on the direct call (callers still get theirs). */
        UNCHECKED
    }

    /** The task arguments, in source order. */
    List<ParameterModel> taskParameters() {
        return parameters.stream().filter(p -> p.role() == ParameterModel.Role.TASK).toList();
    }

    /** Whether the method returns {@code void}. */
    boolean returnsVoid() {
        return returnType.equals(TypeName.VOID);
    }

    /** Whether the tasks are carried by a generated {@code <Name>Args} class (two or more arguments). */
    boolean hasArgsClass() {
        return taskParameters().size() >= 2;
    }
}
