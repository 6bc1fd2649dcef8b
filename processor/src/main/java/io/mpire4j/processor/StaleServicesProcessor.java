package io.mpire4j.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.ClassName;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Keeps the services file true when a compilation has no mpire4j annotation at all, which is when
 * {@link ParallelProcessor} is never asked: a class recompiled after losing its last
 * {@code @Parallel} method must lose its entry, or every child JVM's {@code ServiceLoader} fails on
 * it. It has to see every compilation, so unlike {@link ParallelProcessor} it supports {@code "*"};
 * it also runs {@link LocalClassCheck}, for units whose only mpire4j annotations are inside code.
 * It claims nothing (returns {@code false}) and writes nothing while any mpire4j annotation is
 * present or {@link ParallelProcessor} ran in this compilation (it then writes the file; this
 * processor is not even asked in the rounds whose annotations it claimed). Never lets an exception reach javac.
 */
@AutoService(Processor.class)
public final class StaleServicesProcessor extends AbstractProcessor {
    private ServicesFile services;
    private boolean mpire4jPresent;

    /** Called by the compiler's service loader. */
    public StaleServicesProcessor() {}

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            if (services == null) {
                services = new ServicesFile(processingEnv.getFiler(), new Reporter(processingEnv.getMessager()));
            }
            mpire4jPresent |= !AnnotatedClass.classesIn(round).isEmpty() || ParallelProcessor.ranIn(processingEnv);
            for (TypeElement root : ElementFilter.typesIn(round.getRootElements())) {
                noteRecompiled(root);
                LocalClassCheck.in(processingEnv).check(root);
            }
            if (round.processingOver() && !mpire4jPresent) {
                services.write();
            }
        } catch (RuntimeException | LinkageError e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.PROCESSOR_ERROR.format("the services file", ParallelRounds.stackTrace(e)));
        }
        return false;
    }

    private void noteRecompiled(TypeElement type) {
        services.recompiled(Naming.generatedClass(ClassName.get(type)).reflectionName());
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            noteRecompiled(nested);
        }
    }
}
