package io.mpire4j.processor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
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
 * Validation: reports every problem of one annotated class through the {@link Reporter}, so a user
 * sees all of them in one compile. Each problem is one error on the element at fault (the method or
 * the parameter). Confined to the compiler's processing thread.
 */
final class ClassValidator {
    private final Elements elements;
    private final Types types;
    private final Reporter reporter;

    ClassValidator(Elements elements, Types types, Reporter reporter) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
    }

    /** Reports every problem of {@code annotated}; returns whether it had none. */
    boolean validate(AnnotatedClass annotated) {
        int before = reporter.errorCount();
        checkPlainMethods(annotated);
        checkConflicts(annotated);
        if (checkPlacement(annotated)) {
            checkDuplicates(annotated);
            for (ExecutableElement method : annotated.annotatedMethods()) {
                checkMethod(annotated, method);
                checkParameters(annotated, method);
            }
            checkNames(annotated);
            annotated.parallel().forEach(this::checkParameterCount);
            checkArgsClassesInDefaultPackage(annotated);
        }
        return reporter.errorCount() == before;
    }

    /** {@code @WorkerState}/{@code @WorkerId} only belong on the three kinds of method. */
    private void checkPlainMethods(AnnotatedClass annotated) {
        for (ExecutableElement method : annotated.plain()) {
            for (VariableElement parameter : method.getParameters()) {
                for (Annotations annotation : List.of(Annotations.WORKER_STATE, Annotations.WORKER_ID)) {
                    if (annotation.isOn(parameter)) {
                        Optional<RecordComponentElement> component = componentOf(method, parameter);
                        if (component.isPresent()) {
                            // javac copied the annotation from the record component to the implicit
                            // constructor, which has no position of its own: report the component.
                            reporter.error(component.get(), Message.RECORD_COMPONENT_WORKER_PARAMETER,
                                    annotation.simpleName(), parameter.getSimpleName(), methodName(method));
                        } else {
                            reporter.error(parameter, Message.ORPHAN_WORKER_PARAMETER, annotation.simpleName(),
                                    parameter.getSimpleName(), methodName(method));
                        }
                        break;
                    }
                }
            }
        }
    }

    private void checkConflicts(AnnotatedClass annotated) {
        for (ExecutableElement method : annotated.conflicting()) {
            String carried = Annotations.methodAnnotationsOn(method).stream()
                    .map(a -> "@" + a.simpleName())
                    .collect(Collectors.joining(" and "));
            reporter.error(method, Message.CONFLICTING_ANNOTATIONS, method.getSimpleName(), carried);
        }
    }

    /**
     * Where the class is: reports methods in interfaces, inner, local and anonymous classes and
     * lifecycle methods without {@code @Parallel}. Returns whether the remaining checks make sense.
     */
    private boolean checkPlacement(AnnotatedClass annotated) {
        TypeElement type = annotated.type();
        List<ExecutableElement> methods = annotated.annotatedMethods();
        if (methods.isEmpty()) {
            return false;
        }
        Message problem = null;
        if (type.getKind().isInterface()) {
            problem = Message.IN_INTERFACE;
        } else if (enclosingLocal(type).isPresent()) {
            problem = enclosingLocal(type).get().getNestingKind() == NestingKind.ANONYMOUS
                    ? Message.ANONYMOUS_CLASS : Message.LOCAL_CLASS;
        } else if (isInner(type)) {
            problem = Message.INNER_CLASS;
        }
        if (problem != null) {
            for (ExecutableElement method : methods) {
                String annotation = annotated.annotationOf(method).simpleName();
                if (problem == Message.LOCAL_CLASS || problem == Message.ANONYMOUS_CLASS) {
                    reporter.error(method, problem, annotation, method.getSimpleName());
                } else {
                    reporter.error(method, problem, annotation, method.getSimpleName(), programName(type));
                }
            }
            return false;
        }
        if (annotated.parallel().isEmpty()) {
            for (ExecutableElement method : methods) {
                reporter.error(method, Message.LIFECYCLE_WITHOUT_PARALLEL,
                        annotated.annotationOf(method).simpleName(), method.getSimpleName(), programName(type));
            }
            return false;
        }
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(type, Message.CLASS_NOT_ACCESSIBLE, programName(type), programName(t));
                break;
            }
        }
        return true;
    }

    private void checkDuplicates(AnnotatedClass annotated) {
        String className = programName(annotated.type());
        List<ExecutableElement> inits = annotated.inits();
        for (ExecutableElement extra : inits.subList(Math.min(1, inits.size()), inits.size())) {
            reporter.error(extra, Message.DUPLICATE_WORKER_INIT, extra.getSimpleName(), className,
                    inits.get(0).getSimpleName());
        }
        List<ExecutableElement> exits = annotated.exits();
        for (ExecutableElement extra : exits.subList(Math.min(1, exits.size()), exits.size())) {
            reporter.error(extra, Message.DUPLICATE_WORKER_EXIT, extra.getSimpleName(), className,
                    exits.get(0).getSimpleName());
        }
    }

    /** The method itself: at most one error, the first that applies. */
    private void checkMethod(AnnotatedClass annotated, ExecutableElement method) {
        Annotations annotation = annotated.annotationOf(method);
        boolean parallel = annotation == Annotations.PARALLEL;
        String name = method.getSimpleName().toString();
        Set<Modifier> modifiers = method.getModifiers();
        TypeElement type = annotated.type();
        if (modifiers.contains(Modifier.PRIVATE)) {
            if (parallel) {
                reporter.error(method, Message.PARALLEL_PRIVATE, name);
            } else {
                reporter.error(method, Message.LIFECYCLE_PRIVATE, annotation.simpleName(), name);
            }
        } else if (modifiers.contains(Modifier.ABSTRACT)) {
            if (parallel) {
                reporter.error(method, Message.PARALLEL_ABSTRACT, name);
            } else {
                reporter.error(method, Message.LIFECYCLE_ABSTRACT, annotation.simpleName(), name);
            }
        } else if (!method.getTypeParameters().isEmpty()) {
            String parameters = method.getTypeParameters().stream()
                    .map(p -> p.getSimpleName().toString())
                    .collect(Collectors.joining(", ", "<", ">"));
            reporter.error(method, Message.GENERIC_METHOD, annotation.simpleName(), name, parameters);
        } else if (!modifiers.contains(Modifier.STATIC) && !type.getTypeParameters().isEmpty()) {
            reporter.error(method, Message.GENERIC_CLASS_INSTANCE_METHOD, annotation.simpleName(), name,
                    type.asType());
        } else {
            PackageElement pkg = elements.getPackageOf(type);
            Optional<TypeMirror> hidden = TypeChecks.inaccessibleType(method.getReturnType(), pkg, elements);
            if (hidden.isPresent()) {
                reporter.error(method, Message.INACCESSIBLE_TYPE, hidden.get(), annotation.simpleName(), name,
                        packageName(pkg));
            }
            for (VariableElement parameter : method.getParameters()) {
                hidden = TypeChecks.inaccessibleType(parameter.asType(), pkg, elements);
                if (hidden.isPresent()) {
                    reporter.error(parameter, Message.INACCESSIBLE_TYPE, hidden.get(), annotation.simpleName(),
                            name, packageName(pkg));
                }
            }
        }
    }

    /**
     * In the default package, whose types cannot be written qualified, a generated
     * {@code <Name>Args} class must not share its name with a type the signatures use: inside the
     * generated class the nested one would win.
     */
    private void checkArgsClassesInDefaultPackage(AnnotatedClass annotated) {
        if (!elements.getPackageOf(annotated.type()).isUnnamed()) {
            return;
        }
        Set<String> used = new HashSet<>();
        for (ExecutableElement method : annotated.annotatedMethods()) {
            collectNames(method.getReturnType(), used);
            method.getParameters().forEach(p -> collectNames(p.asType(), used));
        }
        for (ExecutableElement method : annotated.parallel()) {
            String argsClass = Naming.argsClassName(method.getSimpleName().toString());
            if (method.getParameters().stream().filter(ClassValidator::isTaskParameter).count() >= 2
                    && used.contains(argsClass)) {
                reporter.error(method, Message.ARGS_CLASS_HIDES_TYPE, method.getSimpleName(), argsClass);
            }
        }
    }

    /** The simple names of the top-level declared types in {@code type}. */
    private static void collectNames(TypeMirror type, Set<String> names) {
        if (type instanceof ArrayType array) {
            collectNames(array.getComponentType(), names);
        } else if (type instanceof DeclaredType declared) {
            Element outer = declared.asElement();
            while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
                outer = enclosing;
            }
            names.add(outer.getSimpleName().toString());
            declared.getTypeArguments().forEach(argument -> collectNames(argument, names));
        } else if (type instanceof WildcardType wildcard) {
            if (wildcard.getExtendsBound() != null) {
                collectNames(wildcard.getExtendsBound(), names);
            }
            if (wildcard.getSuperBound() != null) {
                collectNames(wildcard.getSuperBound(), names);
            }
        }
    }

    /**
     * The most parameter slots the task arguments may take: the generated direct call and the
     * {@code <Name>Args} constructor are instance methods, so {@code this} takes one of the JVM's 255.
     */
    static final int MAX_TASK_SLOTS = 254;

    /** The generated instance methods repeat every task parameter: they must fit the JVM's limit. */
    private void checkParameterCount(ExecutableElement method) {
        int slots = 0;
        for (VariableElement parameter : method.getParameters()) {
            if (isTaskParameter(parameter)) {
                TypeKind kind = parameter.asType().getKind();
                slots += kind == TypeKind.LONG || kind == TypeKind.DOUBLE ? 2 : 1;
            }
        }
        if (slots > MAX_TASK_SLOTS) {
            reporter.error(method, Message.TOO_MANY_PARAMETERS, method.getSimpleName(), slots, MAX_TASK_SLOTS);
        }
    }

    /** Each parameter: at most one error, the first that applies. */
    private void checkParameters(AnnotatedClass annotated, ExecutableElement method) {
        Annotations annotation = annotated.annotationOf(method);
        String name = method.getSimpleName().toString();
        Optional<ExecutableElement> init = annotated.init();
        long taskCount = method.getParameters().stream().filter(ClassValidator::isTaskParameter).count();
        boolean seenState = false;
        boolean seenId = false;
        for (VariableElement parameter : method.getParameters()) {
            String parameterName = parameter.getSimpleName().toString();
            boolean state = Annotations.WORKER_STATE.isOn(parameter);
            boolean id = Annotations.WORKER_ID.isOn(parameter);
            if (state && id) {
                reporter.error(parameter, Message.STATE_AND_ID, parameterName);
            } else if (id) {
                if (parameter.asType().getKind() != TypeKind.INT) {
                    reporter.error(parameter, Message.WORKER_ID_NOT_INT, parameterName, parameter.asType());
                } else if (seenId) {
                    reporter.error(parameter, Message.DUPLICATE_WORKER_ID, parameterName, name);
                }
                seenId = true;
            } else if (state) {
                if (annotation == Annotations.WORKER_INIT) {
                    reporter.error(parameter, Message.STATE_ON_INIT, parameterName, name);
                } else if (seenState) {
                    reporter.error(parameter, Message.DUPLICATE_STATE, parameterName, name);
                } else {
                    checkStateType(annotated, method, parameter, init);
                }
                seenState = true;
            } else if (annotation == Annotations.WORKER_INIT) {
                reporter.error(parameter, Message.TASK_PARAMETER_ON_LIFECYCLE, parameterName,
                        annotation.simpleName(), name, "@WorkerInit runs before any task", "@WorkerId int");
            } else if (annotation == Annotations.WORKER_EXIT) {
                reporter.error(parameter, Message.TASK_PARAMETER_ON_LIFECYCLE, parameterName,
                        annotation.simpleName(), name, "@WorkerExit runs after the last task",
                        "@WorkerState or @WorkerId int");
            } else if (taskCount >= 2 && Naming.RESERVED_ACCESSOR_NAMES.contains(parameterName)) {
                reporter.error(parameter, Message.RESERVED_COMPONENT_NAME, parameterName, name,
                        Naming.argsClassName(name));
            }
        }
    }

    private void checkStateType(AnnotatedClass annotated, ExecutableElement method, VariableElement parameter,
            Optional<ExecutableElement> init) {
        String parameterName = parameter.getSimpleName().toString();
        if (init.isEmpty()) {
            reporter.error(parameter, Message.STATE_WITHOUT_INIT, parameterName, method.getSimpleName(),
                    programName(annotated.type()));
            return;
        }
        TypeMirror state = init.get().getReturnType();
        if (state.getKind() == TypeKind.VOID) {
            reporter.error(parameter, Message.STATE_WITH_VOID_INIT, parameterName, method.getSimpleName(),
                    init.get().getSimpleName());
        } else if (init.get().getTypeParameters().isEmpty() && !types.isAssignable(state, parameter.asType())) {
            reporter.error(parameter, Message.STATE_TYPE_MISMATCH, parameterName, parameter.asType(), state,
                    init.get().getSimpleName());
        }
    }

    /** The generated members of the {@code @Parallel} methods must not clash. */
    private void checkNames(AnnotatedClass annotated) {
        Set<String> names = annotated.parallel().stream()
                .map(m -> m.getSimpleName().toString())
                .collect(Collectors.toSet());
        Map<String, ExecutableElement> first = new HashMap<>();
        Map<String, ExecutableElement> argsClasses = new HashMap<>();
        for (ExecutableElement method : annotated.parallel()) {
            String name = method.getSimpleName().toString();
            if (first.putIfAbsent(name, method) != null) {
                reporter.error(method, Message.OVERLOADED_PARALLEL, name);
            } else if (Naming.RESERVED_METHOD_NAMES.contains(name)) {
                reporter.error(method, Message.RESERVED_NAME, name, name + "()");
            } else if (name.endsWith(Naming.ASYNC_SUFFIX)
                    && names.contains(name.substring(0, name.length() - Naming.ASYNC_SUFFIX.length()))) {
                String base = name.substring(0, name.length() - Naming.ASYNC_SUFFIX.length());
                reporter.error(method, Message.NAME_CLASH, name, name + "()", name + "(...)", base);
            } else if (method.getParameters().stream().filter(ClassValidator::isTaskParameter).count() >= 2) {
                String argsClass = Naming.argsClassName(name);
                ExecutableElement other = argsClasses.putIfAbsent(argsClass, method);
                if (other != null) {
                    reporter.error(method, Message.NAME_CLASH, name, argsClass, argsClass, other.getSimpleName());
                }
            }
        }
    }

    static boolean isTaskParameter(VariableElement parameter) {
        return !Annotations.WORKER_STATE.isOn(parameter) && !Annotations.WORKER_ID.isOn(parameter);
    }

    private static boolean isInner(TypeElement type) {
        return type.getNestingKind() == NestingKind.MEMBER
                && type.getKind() == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.STATIC);
    }

    /** The class itself or the nearest enclosing class that is local or anonymous, if any. */
    private static Optional<TypeElement> enclosingLocal(TypeElement type) {
        for (Element e = type; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (e instanceof TypeElement t && (t.getNestingKind() == NestingKind.LOCAL
                    || t.getNestingKind() == NestingKind.ANONYMOUS)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code "Outer.Inner"}: the class name relative to its package, as in source. */
    static String programName(TypeElement type) {
        String qualified = type.getQualifiedName().toString();
        String pkg = ((PackageElement) packageOf(type)).getQualifiedName().toString();
        return pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1);
    }

    private static Element packageOf(Element element) {
        Element e = element;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return e;
    }

    private static String packageName(PackageElement pkg) {
        return pkg.isUnnamed() ? "(unnamed)" : pkg.getQualifiedName().toString();
    }

    /**
     * The record component {@code parameter} was copied from, when {@code method} is a record's
     * canonical constructor that the source does not spell out (implicit or compact).
     */
    private Optional<RecordComponentElement> componentOf(ExecutableElement method, VariableElement parameter) {
        if (method.getKind() != ElementKind.CONSTRUCTOR
                || !(method.getEnclosingElement() instanceof TypeElement record)
                || record.getKind() != ElementKind.RECORD
                || elements.getOrigin(method) == Elements.Origin.EXPLICIT) {
            return Optional.empty();
        }
        return record.getRecordComponents().stream()
                .filter(c -> c.getSimpleName().equals(parameter.getSimpleName()))
                .map(c -> (RecordComponentElement) c)
                .findFirst();
    }

    private static String methodName(ExecutableElement method) {
        return method.getKind() == ElementKind.CONSTRUCTOR
                ? method.getEnclosingElement().getSimpleName().toString()
                : method.getSimpleName().toString();
    }
}
