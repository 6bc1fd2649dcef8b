package io.mpire4j.processor;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.List;

/**
 * How values of one type cross to a child JVM and back: a tree of {@code io.mpire4j.internal.Codecs}
 * calls, chosen by {@link CodecFactory} from the declared type. Immutable; equal trees write equal
 * code.
 */
sealed interface CodecModel {

    /** The {@code T} of the generated {@code Codec<T>}: the boxed declared type. */
    TypeName type();

    /** A constant of {@code Codecs}: {@code Codecs.INT}, {@code Codecs.STRING}, {@code Codecs.INT_ARRAY}. */
    record Constant(TypeName type, String name) implements CodecModel {}

    /** {@code Codecs.enumOf(E.values())}. */
    record EnumCodec(ClassName type) implements CodecModel {}

    /** {@code Codecs.array(element, E[]::new)} for an array of a reifiable, non-generic element type. */
    record ArrayCodec(ArrayTypeName type, CodecModel element) implements CodecModel {}

    /** {@code Codecs.list(element)} or {@code Codecs.set(element)}. */
    record CollectionCodec(TypeName type, String method, CodecModel element) implements CodecModel {}

    /** {@code Codecs.map(key, value)}. */
    record MapCodec(TypeName type, CodecModel key, CodecModel value) implements CodecModel {}

    /**
     * {@code Codec.of(...)} writing each component with its own codec and reading through the
     * constructor: a record, or a generated {@code <Name>Args} class.
     */
    record ValueCodec(TypeName type, List<Component> components) implements CodecModel {
        public ValueCodec {
            components = List.copyOf(components);
        }
    }

    /** One component of a {@link ValueCodec}: its accessor name and its codec. */
    record Component(String name, CodecModel codec) {}

    /**
     * {@code Codecs.serialized(Raw.class, alsoAllowed...)}: Java serialization for any other type,
     * cast to {@code Codec<T>} when {@code T} is not the raw type itself.
     *
     * @param raw the erasure of {@code type}, whose class literal the codec takes
     * @param alsoAllowed further classes the value may contain (type arguments, array elements)
     */
    record Serialized(TypeName type, TypeName raw, List<TypeName> alsoAllowed) implements CodecModel {
        public Serialized {
            alsoAllowed = List.copyOf(alsoAllowed);
        }

        /** Whether {@code Codec<Raw>} must be cast to {@code Codec<T>} (an unchecked cast). */
        boolean needsCast() {
            return !type.equals(raw);
        }
    }
}
