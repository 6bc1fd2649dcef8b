package io.mpire4j.processor;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names the writer chooses for one generated class: fields (one per {@code @Parallel} method,
 * the pool, and the codec constants of {@link CodecFields}) and the fixed parameter names of constructors, factories and lambdas. Allocated
 * with {@link NameAllocator} so that a method named {@code pool}, or a user class named like a
 * lambda parameter, cannot clash. User parameter names are only used in the direct-call methods,
 * where fields are reached through {@code this.}.
 */
final class GeneratedNames {
    private final NameAllocator fields = new NameAllocator();
    private final String pool;
    private final String options;
    private final String shared;
    private final String state;
    private final String workerId;
    private final String task;
    private final CodecFields codecs;

    GeneratedNames(ClassModel model) {
        // In an expression such as List.of(…), Work.twice(…) or java.util.List, a field or a lambda
        // parameter of that name would obscure the type or package: keep every such name free.
        Set<String> taken = new TreeSet<>(Naming.REFERENCED_TYPES);
        taken.addAll(Naming.PACKAGE_ROOTS);
        String pkg = model.generated().packageName();
        if (!pkg.isEmpty()) {
            taken.add(pkg.split("\\.", 2)[0]);
        }
        taken.add(model.source().topLevelClassName().simpleName());
        for (TypeName type : typesIn(model)) {
            addTopLevelNames(type, taken);
        }
        NameAllocator locals = new NameAllocator();
        for (String name : taken) {
            fields.newName(name);
            locals.newName(name);
        }
        pool = fields.newName("pool");
        for (MethodModel method : model.methods()) {
            fields.newName(method.name(), method.name());
        }
        codecs = new CodecFields(model, fields);
        options = locals.newName("options");
        shared = locals.newName("shared");
        state = locals.newName("state");
        workerId = locals.newName("workerId");
        task = locals.newName("task");
    }

    /** Every type the generated class repeats from the user's signatures. */
    private static List<TypeName> typesIn(ClassModel model) {
        List<TypeName> types = new ArrayList<>(List.of(model.stateType(), model.exitType()));
        List<MethodModel> methods = new ArrayList<>(model.methods());
        model.init().ifPresent(methods::add);
        model.exit().ifPresent(methods::add);
        for (MethodModel method : methods) {
            types.add(method.returnType());
            for (ParameterModel parameter : method.parameters()) {
                types.add(parameter.type());
            }
            addCodecTypes(method.taskCodec(), types);
            addCodecTypes(method.resultCodec(), types);
        }
        model.receiverCodec().ifPresent(codec -> addCodecTypes(codec, types));
        return types;
    }

    /** The types a codec is built from: record components, enums ({@code Color.values()}), allow-listed classes. */
    private static void addCodecTypes(CodecModel codec, List<TypeName> types) {
        types.add(codec.type());
        switch (codec) {
            case CodecModel.ArrayCodec array -> addCodecTypes(array.element(), types);
            case CodecModel.CollectionCodec collection -> addCodecTypes(collection.element(), types);
            case CodecModel.MapCodec map -> {
                addCodecTypes(map.key(), types);
                addCodecTypes(map.value(), types);
            }
            case CodecModel.ValueCodec value -> value.components().forEach(c -> addCodecTypes(c.codec(), types));
            case CodecModel.Serialized serialized -> types.addAll(serialized.alsoAllowed());
            default -> { }
        }
    }

    /** Adds the simple names of the top-level classes that {@code type} names ({@code Outer} of {@code Outer.Inner}). */
    private static void addTopLevelNames(TypeName type, Set<String> names) {
        switch (type) {
            case ClassName name -> names.add(name.topLevelClassName().simpleName());
            case ParameterizedTypeName parameterized -> {
                addTopLevelNames(parameterized.rawType, names);
                parameterized.typeArguments.forEach(argument -> addTopLevelNames(argument, names));
            }
            case ArrayTypeName array -> addTopLevelNames(array.componentType, names);
            case WildcardTypeName wildcard -> {
                wildcard.upperBounds.forEach(bound -> addTopLevelNames(bound, names));
                wildcard.lowerBounds.forEach(bound -> addTopLevelNames(bound, names));
            }
            default -> { }
        }
    }

    /** The field holding the {@code WorkerPool}. */
    String pool() {
        return pool;
    }

    /** The field holding the handle of {@code @Parallel} method {@code method}. */
    String field(MethodModel method) {
        return fields.get(method.name());
    }

    /** The codec constants and how to refer to a codec. */
    CodecFields codecs() {
        return codecs;
    }

    /** The {@code PoolOptions} parameter of the constructor and factories. */
    String options() {
        return options;
    }

    /** The shared-receiver parameter of the constructor and factories. */
    String shared() {
        return shared;
    }

    /** The lambda parameter receiving the worker's state. */
    String state() {
        return state;
    }

    /** The lambda parameter receiving the worker's id. */
    String workerId() {
        return workerId;
    }

    /** The lambda parameter receiving one task. */
    String task() {
        return task;
    }
}
