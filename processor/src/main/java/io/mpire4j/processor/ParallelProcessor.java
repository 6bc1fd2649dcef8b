package io.mpire4j.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates a typed {@code FooParallel} class for every class {@code Foo} with
 * {@code @Parallel} methods, and reports every misuse of the mpire4j annotations as a compile error
 * on the element at fault.
 *
 * <p>Only wires the steps together: {@link ParallelRounds} runs the pipeline each round;
 * {@link LocalClassCheck} covers local and anonymous classes, which processors cannot see. Never lets
 * an exception reach the compiler. Aggregating for Gradle's incremental compilation: each generated
 * class comes from one annotated class, but one services file lists them all.
 */
@AutoService(Processor.class)
public final class ParallelProcessor extends AbstractProcessor {
    private ParallelRounds rounds;

    /** Called by the compiler's service loader. */
    public ParallelProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        rounds = new ParallelRounds(environment);
        LocalClassCheck.install(environment);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Annotations.qualifiedNames();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            rounds.process(round);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.PROCESSOR_ERROR.format("this round", ParallelRounds.stackTrace(t)));
        }
        return false;
    }
}
