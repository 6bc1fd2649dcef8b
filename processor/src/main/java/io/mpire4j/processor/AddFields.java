package io.mpire4j.processor;

import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/** Writer piece: the pool field and one handle field per {@code @Parallel} method, in source order. */
final class AddFields {
    private AddFields() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        type.addField(FieldSpec.builder(Signatures.poolType(model), names.pool(), Modifier.PRIVATE, Modifier.FINAL)
                .build());
        for (MethodModel method : model.methods()) {
            type.addField(FieldSpec.builder(Signatures.handleType(model, method), names.field(method),
                    Modifier.PRIVATE, Modifier.FINAL).build());
        }
    }
}
