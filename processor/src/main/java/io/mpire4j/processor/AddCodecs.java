package io.mpire4j.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the codec constants ({@link CodecFields}), each composed from {@code Codecs}. A
 * record or {@code <Name>Args} codec writes each component with its own codec and reads them back,
 * in the same order, as the constructor's arguments:
 *
 * <pre>{@code
 * private static final Codec<Point> POINT = Codec.of((out, value) -> {
 *     Codecs.INT.write(out, value.x());
 *     Codecs.INT.write(out, value.y());
 * }, in -> new Point(Codecs.INT.read(in), Codecs.INT.read(in)));
 * }</pre>
 *
 * <p>A serialized codec of a parameterized type is cast from {@code Codec<Raw>}; only that field
 * suppresses the unchecked warning.
 */
final class AddCodecs {
    private AddCodecs() {}

    static void addTo(TypeSpec.Builder type, GeneratedNames names) {
        CodecFields codecs = names.codecs();
        for (Map.Entry<CodecModel, String> constant : codecs.constants().entrySet()) {
            CodecModel codec = constant.getKey();
            FieldSpec.Builder field = FieldSpec.builder(CodecFields.codecType(codec), constant.getValue(),
                            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer(initializer(codec, codecs));
            if (codec instanceof CodecModel.Serialized serialized) {
                field.addJavadoc("Java serialization, as no other codec covers {@code $T}:\n"
                        + "its values reach child-JVM workers only if they are {@link $T}.\n",
                        serialized.type(), java.io.Serializable.class);
                if (serialized.needsCast()) {
                    field.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked")
                            .build());
                }
            }
            type.addField(field.build());
        }
    }

    private static CodeBlock initializer(CodecModel codec, CodecFields codecs) {
        return switch (codec) {
            case CodecModel.Constant constant -> codecs.reference(constant);
            case CodecModel.EnumCodec enumCodec ->
                    CodeBlock.of("$T.enumOf($T.values())", CodecFields.CODECS, enumCodec.type());
            case CodecModel.ArrayCodec array -> CodeBlock.of("$T.array($L, $T::new)", CodecFields.CODECS,
                    codecs.reference(array.element()), array.type());
            case CodecModel.CollectionCodec collection -> CodeBlock.of("$T.$L($L)", CodecFields.CODECS,
                    collection.method(), codecs.reference(collection.element()));
            case CodecModel.MapCodec map -> CodeBlock.of("$T.map($L, $L)", CodecFields.CODECS,
                    codecs.reference(map.key()), codecs.reference(map.value()));
            case CodecModel.ValueCodec value -> valueCodec(value, codecs);
            case CodecModel.Serialized serialized -> serialized(serialized);
        };
    }

    /** {@code Codec.of((out, value) -> { ...write each... }, in -> new Point(...read each...))}. */
    private static CodeBlock valueCodec(CodecModel.ValueCodec value, CodecFields codecs) {
        CodeBlock.Builder code = CodeBlock.builder().add("$T.of((out, value) -> {", CodecFields.CODEC);
        if (value.components().isEmpty()) {
            code.add(" }");
        } else {
            code.add("\n$>");
            for (CodecModel.Component component : value.components()) {
                code.add("$L.write(out, value.$N());\n", codecs.reference(component.codec()), component.name());
            }
            code.add("$<}");
        }
        CodeBlock reads = value.components().stream()
                .map(component -> CodeBlock.of("$L.read(in)", codecs.reference(component.codec())))
                .collect(CodeBlock.joining(",$W"));
        return code.add(", in -> new $T($L))", value.type(), reads).build();
    }

    /** {@code Codecs.serialized(Raw.class, Allowed.class...)}, cast to {@code Codec<T>} if needed. */
    private static CodeBlock serialized(CodecModel.Serialized serialized) {
        CodeBlock.Builder call = CodeBlock.builder().add("$T.serialized($T.class", CodecFields.CODECS,
                serialized.raw());
        for (TypeName allowed : serialized.alsoAllowed()) {
            call.add(",$W$T.class", allowed);
        }
        call.add(")");
        return serialized.needsCast()
                ? CodeBlock.of("($T) ($T<?>)$W$L", CodecFields.codecType(serialized), CodecFields.CODEC, call.build())
                : call.build();
    }
}
