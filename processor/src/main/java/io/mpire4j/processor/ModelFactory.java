package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Model: turns a validated {@link AnnotatedClass} into the immutable {@link ClassModel} the writer
 * reads, codecs included ({@link CodecFactory}). Only called for classes that passed
 * {@link ClassValidator}. Stateless apart from {@link Elements} and {@link Types}.
 */
final class ModelFactory {
    private static final ClassName VOID = ClassName.get(Void.class);

    private final Elements elements;
    private final Types types;

    ModelFactory(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    ClassModel build(AnnotatedClass annotated) {
        TypeElement type = annotated.type();
        ClassName source = ClassName.get(type);
        ClassName generated = Naming.generatedClass(source);
        CodecFactory codecs = new CodecFactory(elements, types, elements.getPackageOf(type));
        Optional<MethodModel> init = annotated.init().map(m -> method(m, generated, codecs));
        Optional<MethodModel> exit = annotated.exit().map(m -> method(m, generated, codecs));
        List<MethodModel> methods = annotated.parallel().stream().map(m -> method(m, generated, codecs)).toList();

        boolean takesReceiver = false;
        boolean usesRawTypes = false;
        List<ExecutableElement> all = annotated.annotatedMethods();
        for (ExecutableElement method : all) {
            takesReceiver |= !method.getModifiers().contains(Modifier.STATIC);
            usesRawTypes |= TypeChecks.containsRawType(method.getReturnType());
            for (VariableElement parameter : method.getParameters()) {
                usesRawTypes |= ClassValidator.isTaskParameter(parameter)
                        && TypeChecks.containsRawType(parameter.asType());
            }
        }
        Optional<CodecModel> receiverCodec = takesReceiver ? Optional.of(codecs.codec(type.asType())) : Optional.empty();
        return new ClassModel(type, source, generated, ClassValidator.programName(type), receiverCodec,
                boxedOrVoid(init), boxedOrVoid(exit), init, exit, methods, usesRawTypes,
                shadowed(type, methods), Deprecations.of(annotated, elements), providerName(type));
    }

    /**
     * {@code Provider}; in the default package, whose types cannot be written qualified, a name no
     * type there has.
     */
    private String providerName(TypeElement type) {
        PackageElement pkg = elements.getPackageOf(type);
        Set<String> taken = new HashSet<>();
        if (pkg.isUnnamed()) {
            for (Element member : pkg.getEnclosedElements()) {
                taken.add(member.getSimpleName().toString());
            }
        }
        String name = AddProvider.NAME;
        while (taken.contains(name)) {
            name += "_";
        }
        return name;
    }

    /**
     * The simple names the generated class must write qualified: those of the user's package's types
     * that are also the name of a JDK or runtime type it refers to ({@code java.lang} is not imported,
     * and an import would clash with the package's own type), or of one of its nested classes.
     */
    private Set<String> shadowed(TypeElement type, List<MethodModel> methods) {
        Set<String> generatedNames = new HashSet<>(Naming.REFERENCED_TYPES);
        generatedNames.add(AddProvider.NAME);
        for (MethodModel method : methods) {
            generatedNames.add(Naming.argsClassName(method.name()));
        }
        Set<String> shadowed = new TreeSet<>();
        for (Element member : elements.getPackageOf(type).getEnclosedElements()) {
            String name = member.getSimpleName().toString();
            if (generatedNames.contains(name)) {
                shadowed.add(name);
            }
        }
        return shadowed;
    }

    private MethodModel method(ExecutableElement method, ClassName generated, CodecFactory codecs) {
        String name = method.getSimpleName().toString();
        List<ParameterModel> parameters = new ArrayList<>();
        List<TypeName> linkTypes = new ArrayList<>();
        List<CodecModel.Component> tasks = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            ParameterModel.Role role = Annotations.WORKER_STATE.isOn(parameter) ? ParameterModel.Role.STATE
                    : Annotations.WORKER_ID.isOn(parameter) ? ParameterModel.Role.WORKER_ID
                    : ParameterModel.Role.TASK;
            String parameterName = parameter.getSimpleName().toString();
            parameters.add(new ParameterModel(parameterName, TypeName.get(parameter.asType()), role));
            linkTypes.add(TypeName.get(types.erasure(parameter.asType())));
            if (role == ParameterModel.Role.TASK) {
                tasks.add(new CodecModel.Component(parameterName, codecs.codec(parameter.asType())));
            }
        }
        CodecModel taskCodec = switch (tasks.size()) {
            case 0 -> codecs.codec(types.getNoType(TypeKind.VOID));
            case 1 -> tasks.get(0).codec();
            default -> new CodecModel.ValueCodec(generated.nestedClass(Naming.argsClassName(name)), tasks);
        };
        return new MethodModel(name, method.getModifiers().contains(Modifier.STATIC), parameters,
                TypeName.get(method.getReturnType()), linkTypes, varargs(method),
                taskCodec, codecs.codec(method.getReturnType()));
    }

    /**
     * How the direct calls repeat the method's varargs: not at all (not varargs, or the varargs
     * parameter is not a task argument); plainly for a reifiable element type ({@code int...},
     * {@code int[]...}, {@code List<?>...}); for a generic element type ({@code List<String>...}) as
     * the user declared it, {@code @SafeVarargs} or not.
     */
    private static MethodModel.Varargs varargs(ExecutableElement method) {
        List<? extends VariableElement> parameters = method.getParameters();
        if (!method.isVarArgs() || parameters.isEmpty()
                || !ClassValidator.isTaskParameter(parameters.get(parameters.size() - 1))
                || !(parameters.get(parameters.size() - 1).asType() instanceof ArrayType array)) {
            return MethodModel.Varargs.NONE;
        }
        if (isReifiable(array.getComponentType())) {
            return MethodModel.Varargs.REIFIABLE;
        }
        return method.getAnnotation(SafeVarargs.class) != null
                ? MethodModel.Varargs.SAFE : MethodModel.Varargs.UNCHECKED;
    }

    /** JLS 4.7: primitives, raw or non-generic classes, unbounded wildcard arguments, arrays of those. */
    private static boolean isReifiable(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return isReifiable(array.getComponentType());
        }
        if (!(type instanceof DeclaredType declared)) {
            return false;
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
            if (!(argument instanceof WildcardType wildcard)
                    || wildcard.getExtendsBound() != null || wildcard.getSuperBound() != null) {
                return false;
            }
        }
        TypeMirror enclosing = declared.getEnclosingType();
        return enclosing.getKind() == TypeKind.NONE || isReifiable(enclosing);
    }

    private static TypeName boxedOrVoid(Optional<MethodModel> method) {
        return method.filter(m -> !m.returnsVoid()).map(m -> m.returnType().box()).orElse(VOID);
    }
}
