package io.mpire4j.processor;

import com.squareup.javapoet.ClassName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The pipeline, run once per round: discover the annotated classes → validate each (all problems)
 * → build its immutable model → write its {@code *Parallel} class. When processing is over, lists
 * the {@code Provider} of every class written in {@code META-INF/services} ({@link ServicesFile}).
 *
 * <p>A class whose annotated signatures mention a type that does not exist yet (one another
 * processor will generate) is deferred by name to the next round; if it is still unresolved when
 * processing is over, javac reports the missing type on the user's line, so the processor adds
 * nothing. A crash while handling one class
 * becomes an error on that class with the stack trace. Confined to the compiler's processing thread.
 */
final class ParallelRounds {
    private final Elements elements;
    private final Filer filer;
    private final Reporter reporter;
    private final ClassValidator validator;
    /** Null when {@code -Ampire4j.crossing=off}. */
    private final CrossingCheck crossing;
    private final ModelFactory models;
    private final ParallelWriter writer;
    private Set<String> deferred = new LinkedHashSet<>();
    private final ServicesFile services;
    private final ImplicitClasses implicit;
    private final Sources sources;
    private final LocalClassCheck localClasses;
    /** Each class written so far, by canonical name, with the program name of the class it was written for. */
    private final Map<String, String> written = new HashMap<>();

    ParallelRounds(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.filer = environment.getFiler();
        this.reporter = new Reporter(environment.getMessager());
        this.validator = new ClassValidator(elements, environment.getTypeUtils(), reporter);
        this.crossing = CrossingCheck.fromOption(environment.getOptions().get(CrossingCheck.KEY), elements,
                environment.getTypeUtils(), reporter);
        this.models = new ModelFactory(elements, environment.getTypeUtils());
        this.writer = new ParallelWriter(elements.getTypeElement("javax.annotation.processing.Generated") != null);
        this.services = new ServicesFile(filer, reporter);
        this.implicit = ImplicitClasses.in(environment);
        this.sources = Sources.in(environment);
        this.localClasses = LocalClassCheck.in(environment);
    }

    void process(RoundEnvironment round) {
        Set<TypeElement> classes = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement type = elements.getTypeElement(name);
            if (type != null) {
                classes.add(type);
            }
        }
        Set<String> wasDeferred = deferred;
        deferred = new LinkedHashSet<>();
        classes.addAll(AnnotatedClass.classesIn(round));
        for (TypeElement root : ElementFilter.typesIn(round.getRootElements())) {
            noteRecompiled(root);
            localClasses.check(root);
        }
        for (TypeElement type : classes) {
            try {
                process(type, round.processingOver() && wasDeferred.contains(type.getQualifiedName().toString()));
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                reporter.error(type, Message.PROCESSOR_ERROR, type.getQualifiedName(), stackTrace(t));
            }
        }
        if (round.processingOver()) {
            services.write();
        }
    }

    private void process(TypeElement type, boolean lastChance) throws IOException {
        AnnotatedClass annotated = AnnotatedClass.scan(type);
        Optional<AnnotatedClass.Unresolved> unresolved = annotated.firstUnresolved();
        if (unresolved.isPresent()) {
            // Still unresolved when processing is over: javac reports the missing type itself, on
            // the user's line ("cannot find symbol"); a second error here would only repeat it.
            if (!lastChance) {
                deferred.add(type.getQualifiedName().toString());
            }
            return;
        }
        if (implicit.isImplicit(type)) {
            String name = type.getSimpleName().toString();
            for (ExecutableElement method : annotated.annotatedMethods()) {
                reporter.error(method, Message.IMPLICIT_CLASS, annotated.annotationOf(method).simpleName(),
                        method.getSimpleName(), name + ".java", name);
            }
            return;
        }
        if (!validator.validate(annotated) || annotated.parallel().isEmpty()) {
            return;
        }
        if (crossing != null) {
            crossing.check(annotated);
        }
        ClassModel model = models.build(annotated);
        String generated = model.generated().canonicalName();
        String writtenFor = written.get(generated);
        if (writtenFor != null) {
            reporter.error(type, Message.GENERATED_CLASS_EXISTS, generated, model.programName(),
                    "class '" + writtenFor + "' generates a class of that name too");
            return;
        }
        TypeElement existing = elements.getTypeElement(generated);
        if (existing != null && !isEarlierOutput(existing)) {
            reporter.error(type, Message.GENERATED_CLASS_EXISTS, generated, model.programName(), describe(existing));
            return;
        }
        try {
            writer.write(model).writeTo(filer);
            written.put(generated, model.programName());
            if (elements.getModuleOf(type) == null || elements.getModuleOf(type).isUnnamed()) {
                // A named module lists its providers with 'provides' in module-info.java instead.
                services.add(AddProvider.binaryName(model), type);
            }
        } catch (FilerException e) {
            reporter.error(type, Message.GENERATED_CLASS_EXISTS, generated, model.programName(), e.getMessage());
        }
    }

    /** Tells the services file which generated classes {@code type} and its nested types would have. */
    private void noteRecompiled(TypeElement type) {
        services.recompiled(Naming.generatedClass(ClassName.get(type)).reflectionName());
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            noteRecompiled(nested);
        }
    }

    /**
     * Whether {@code existing} is what this processor wrote in an earlier compilation into the same
     * output (found as a class file when one changed file is recompiled against the earlier
     * output): not a source of this compilation, and it has the nested {@code ProgramProvider} only
     * generated classes have. Rewriting it is what an incremental build wants.
     */
    private boolean isEarlierOutput(TypeElement existing) {
        if (sources.isSource(existing)) {
            return false;
        }
        for (TypeElement nested : ElementFilter.typesIn(existing.getEnclosedElements())) {
            for (TypeMirror implemented : nested.getInterfaces()) {
                if (implemented.toString().equals(RuntimeTypes.PROGRAM_PROVIDER.canonicalName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the type that is in the way comes from, for the message. */
    private String describe(TypeElement existing) {
        return sources.isSource(existing)
                ? "the source of this compilation declares a type of that name"
                : "a class of that name is on the class path, not generated by mpire4j";
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
