package io.mpire4j.processor;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The codecs one generated class uses, as {@code private static final} constants named after their
 * types ({@code POINT}, {@code LIST_OF_STRING}, {@code FIT_ARGS}); {@code Codecs} constants such as
 * {@code Codecs.INT} are used as they are. Equal codecs share one constant, and a constant comes
 * after those it is built from, so class initialization reads them in order. Immutable.
 */
final class CodecFields {
    static final ClassName CODEC = RuntimeTypes.CODEC;
    static final ClassName CODECS = RuntimeTypes.CODECS;

    private final Map<CodecModel, String> names = new LinkedHashMap<>();

    /** Allocates constants in {@code fields} for every codec {@code model} uses, in first-use order. */
    CodecFields(ClassModel model, NameAllocator fields) {
        List<CodecModel> used = new ArrayList<>();
        model.receiverCodec().ifPresent(used::add);
        for (MethodModel method : model.methods()) {
            used.add(method.taskCodec());
            used.add(method.resultCodec());
        }
        model.exit().ifPresent(exit -> used.add(exit.resultCodec()));
        for (CodecModel codec : used) {
            add(codec, fields);
        }
    }

    private void add(CodecModel codec, NameAllocator fields) {
        if (codec instanceof CodecModel.Constant || names.containsKey(codec)) {
            return;
        }
        switch (codec) {
            case CodecModel.ArrayCodec array -> add(array.element(), fields);
            case CodecModel.CollectionCodec collection -> add(collection.element(), fields);
            case CodecModel.MapCodec map -> {
                add(map.key(), fields);
                add(map.value(), fields);
            }
            case CodecModel.ValueCodec value -> value.components().forEach(c -> add(c.codec(), fields));
            default -> { }
        }
        names.put(codec, fields.newName(constantName(codec.type()), codec));
    }

    /** Every constant, each after those it is built from. */
    Map<CodecModel, String> constants() {
        return names;
    }

    /** {@code Codecs.INT} or the constant's name. */
    CodeBlock reference(CodecModel codec) {
        return codec instanceof CodecModel.Constant constant
                ? CodeBlock.of("$T.$L", CODECS, constant.name())
                : CodeBlock.of("$N", names.get(codec));
    }

    /** {@code Codec<T>}. */
    static TypeName codecType(CodecModel codec) {
        return ParameterizedTypeName.get(CODEC, codec.type());
    }

    /** {@code POINT}, {@code LIST_OF_STRING}, {@code MAP_OF_STRING_TO_INT_ARRAY}, {@code POINT_ARRAY}. */
    static String constantName(TypeName type) {
        if (type instanceof ClassName name) {
            return upperSnake(name.simpleName());
        }
        if (type instanceof ArrayTypeName array) {
            return constantName(array.componentType) + "_ARRAY";
        }
        if (type instanceof ParameterizedTypeName parameterized) {
            String raw = constantName(parameterized.rawType);
            List<TypeName> arguments = parameterized.typeArguments;
            if (parameterized.rawType.canonicalName().equals("java.util.Map") && arguments.size() == 2) {
                return raw + "_OF_" + constantName(arguments.get(0)) + "_TO_" + constantName(arguments.get(1));
            }
            return raw + "_OF_" + arguments.stream().map(CodecFields::constantName).collect(Collectors.joining("_AND_"));
        }
        if (type instanceof WildcardTypeName wildcard) {
            if (!wildcard.lowerBounds.isEmpty()) {
                return "SUPER_" + constantName(wildcard.lowerBounds.get(0));
            }
            TypeName upper = wildcard.upperBounds.get(0);
            return upper.equals(TypeName.OBJECT) ? "ANY" : "EXTENDS_" + constantName(upper);
        }
        return upperSnake(type.withoutAnnotations().toString());
    }

    /** {@code ImageJob} gives {@code IMAGE_JOB}, {@code URLPath} gives {@code URL_PATH}. */
    private static String upperSnake(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean wordStart = i > 0 && Character.isUpperCase(c)
                    && (!Character.isUpperCase(name.charAt(i - 1))
                            || i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1)));
            if (wordStart && name.charAt(i - 1) != '_') {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }
}
