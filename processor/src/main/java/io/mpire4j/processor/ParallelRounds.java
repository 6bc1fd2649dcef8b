package io.mpire4j.processor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The pipeline, run once per round: discover the annotated classes → validate each (all problems)
 * → build its immutable model → write its {@code *Parallel} class. When processing is over, lists
 * the {@code Provider} of every class written in {@code META-INF/services} ({@link ServicesFile}).
 *
 * <p>A class whose annotated signatures mention a type that does not exist yet (one another
 * processor will generate) is deferred by name to the next round; if it is still unresolved when
 * processing is over, and nothing else failed, that is reported. A crash while handling one class
 * becomes an error on that class with the stack trace. Confined to the compiler's processing thread.
 */
final class ParallelRounds {
    private final Elements elements;
    private final Filer filer;
    private final Reporter reporter;
    private final ClassValidator validator;
    private final ModelFactory models;
    private final ParallelWriter writer;
    private Set<String> deferred = new LinkedHashSet<>();
    private final ServicesFile services;
    private final ImplicitClasses implicit;

    ParallelRounds(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.filer = environment.getFiler();
        this.reporter = new Reporter(environment.getMessager());
        this.validator = new ClassValidator(elements, environment.getTypeUtils(), reporter);
        this.models = new ModelFactory(elements, environment.getTypeUtils());
        this.writer = new ParallelWriter(elements.getTypeElement("javax.annotation.processing.Generated") != null);
        this.services = new ServicesFile(filer, reporter);
        this.implicit = ImplicitClasses.in(environment);
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
        for (TypeElement type : classes) {
            try {
                process(type, round.processingOver() && wasDeferred.contains(type.getQualifiedName().toString()),
                        round.errorRaised());
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

    private void process(TypeElement type, boolean lastChance, boolean errorRaised) throws IOException {
        AnnotatedClass annotated = AnnotatedClass.scan(type);
        Optional<AnnotatedClass.Unresolved> unresolved = annotated.firstUnresolved();
        if (unresolved.isPresent()) {
            if (!lastChance) {
                deferred.add(type.getQualifiedName().toString());
            } else if (!errorRaised && reporter.errorCount() == 0) {
                AnnotatedClass.Unresolved u = unresolved.get();
                reporter.error(u.method(), Message.UNRESOLVED_TYPE,
                        annotated.annotationOf(u.method()).simpleName(), u.method().getSimpleName(), u.type());
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
        ClassModel model = models.build(annotated);
        String generated = model.generated().canonicalName();
        if (elements.getTypeElement(generated) != null) {
            reporter.error(type, Message.GENERATED_CLASS_EXISTS, generated, model.programName());
            return;
        }
        try {
            writer.write(model).writeTo(filer);
            services.add(AddProvider.binaryName(model), type);
        } catch (FilerException e) {
            reporter.error(type, Message.GENERATED_CLASS_EXISTS, generated, model.programName());
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
