package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import java.io.DataInput;
import java.io.IOException;
import java.util.ServiceLoader;
import javax.lang.model.element.Modifier;

/**
 * Writer piece: the nested {@code Provider}, a {@code ProgramProvider} that a child JVM finds with
 * {@link ServiceLoader} (the processor lists it in {@code META-INF/services}) to rebuild
 * {@code program()} ({@link AddProgram}), reading the shared instance first when there is one.
 */
final class AddProvider {
    /** The provider's simple name, nested in the generated class. */
    static final String NAME = "Provider";

    private AddProvider() {}

    /** {@code p.FooParallel$Provider}: the name a services file lists. */
    static String binaryName(ClassModel model) {
        return model.provider().reflectionName();
    }

    static void addTo(TypeSpec.Builder type, ClassModel model, GeneratedNames names) {
        ClassName generated = model.generated();
        CodeBlock build = model.receiverCodec()
                .map(receiver -> CodeBlock.of("$T.$L($L.read(receiver))", generated, AddProgram.NAME,
                        names.codecs().reference(receiver)))
                .orElse(CodeBlock.of("$T.$L()", generated, AddProgram.NAME));
        type.addType(TypeSpec.classBuilder(model.providerName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.PROGRAM_PROVIDER)
                .addJavadoc("Builds {@code $T.$L($L)} in a child-JVM worker, which finds this class with\n"
                        + "{@link $T} through {@code META-INF/services/$L}.\nNot for user code. Stateless "
                        + "and thread-safe.\n", generated, AddProgram.NAME, model.takesReceiver() ? names.shared() : "",
                        ServiceLoader.class, RuntimeTypes.PROGRAM_PROVIDER.canonicalName())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Called by {@link $T}.\n", ServiceLoader.class)
                        .build())
                .addMethod(MethodSpec.methodBuilder("name")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return $S", generated.reflectionName())
                        .build())
                .addMethod(MethodSpec.methodBuilder("program")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(RuntimeTypes.WORKER_PROGRAM,
                                WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class)))
                        .addParameter(DataInput.class, "receiver")
                        .addException(IOException.class)
                        .addStatement("return $L", build)
                        .build())
                .build());
    }
}
