package io.mpire4j.processor;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the private constructor. It creates the pool from {@code program()}
 * ({@link AddProgram}) and takes the handle of each {@code @Parallel} method by its index there.
 */
final class AddConstructor {
    private AddConstructor() {}

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
        if (model.takesReceiver()) {
            constructor.addParameter(model.source(), names.shared());
        }
        constructor.addParameter(RuntimeTypes.POOL_OPTIONS, names.options());

        CodeBlock.Builder code = CodeBlock.builder().addStatement(model.takesReceiver()
                        ? "this.$N = $T.create($L($N), $N)" : "this.$N = $T.create($L(), $N)",
                model.takesReceiver()
                        ? new Object[] {names.pool(), RuntimeTypes.WORKER_POOL, AddProgram.NAME, names.shared(),
                                names.options()}
                        : new Object[] {names.pool(), RuntimeTypes.WORKER_POOL, AddProgram.NAME, names.options()});
        List<MethodModel> methods = model.methods();
        for (int i = 0; i < methods.size(); i++) {
            code.addStatement("this.$N = this.$N.method($L)", names.field(methods.get(i)), names.pool(), i);
        }
        type.addMethod(constructor.addCode(code.build()).build());
    }
}
