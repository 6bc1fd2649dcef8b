package io.mpire4j.processor;

import com.google.auto.service.AutoService;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates a typed {@code FooParallel} class for every class {@code Foo} with
 * {@code @Parallel} methods, and reports every misuse of the mpire4j annotations as a compile error
 * on the element at fault.
 *
 * <p>Only wires the steps together: {@link ParallelRounds} runs the pipeline each round;
 * {@link LocalClassCheck} covers local and anonymous classes and lambdas, which processors cannot see. Never lets
 * an exception reach the compiler. Claims mpire4j's own annotations, and only those, so that
 * {@code -Xlint:all -Werror} builds do not fail on javac's "No processor claimed" warning. Aggregating for Gradle's incremental compilation: each generated
 * class comes from one annotated class, but one services file lists them all.
 */
@AutoService(Processor.class)
public final class ParallelProcessor extends AbstractProcessor {
    /** What generated classes are annotated with; claimed on this processor's own output only. */
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private ParallelRounds rounds;

    /** Called by the compiler's service loader. */
    public ParallelProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        rounds = new ParallelRounds(environment);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new LinkedHashSet<>(Annotations.qualifiedNames());
        names.add(GENERATED);
        return names;
    }

    /**
     * {@code -Ampire4j.crossing=off} turns off the {@code [mpire4j.crossing]} warnings for the whole
     * compilation (for code whose pools never use child JVMs); {@code warn} is the default.
     */
    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(CrossingCheck.KEY);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * The compilations this processor ran in, by their {@link javax.annotation.processing.Filer}
     * (one per compilation, shared by its processors); weak, so a daemon that compiles many times
     * keeps none alive.
     */
    private static final Map<Object, Boolean> RAN = Collections.synchronizedMap(new WeakHashMap<>());

    /** Whether this processor ran in the compilation of {@code environment}. */
    static boolean ranIn(ProcessingEnvironment environment) {
        return RAN.containsKey(environment.getFiler());
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        RAN.put(processingEnv.getFiler(), Boolean.TRUE);
        try {
            rounds.process(round);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.PROCESSOR_ERROR.format("this round", ParallelRounds.stackTrace(t)));
        }
        return claims(annotations, round);
    }

    /**
     * Whether to claim {@code annotations}: mpire4j's own always, since leaving them unclaimed makes
     * javac's {@code -Xlint:processing} warn "No processor claimed any of these annotations", which
     * fails every user build with {@code -Xlint:all -Werror}, and no other processor has a use for
     * them. {@code @Generated} is claimed only when it marks nothing but this processor's own
     * output (the classes it wrote in an earlier round), never another processor's.
     */
    private static boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            String name = annotation.getQualifiedName().toString();
            if (name.equals(GENERATED)) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    if (!isOwnOutput(element)) {
                        return false;
                    }
                }
            } else if (!Annotations.qualifiedNames().contains(name)) {
                return false;
            }
        }
        return !annotations.isEmpty();
    }

    /** Whether {@code element} carries {@code @Generated("io.mpire4j.processor.ParallelProcessor")}. */
    private static boolean isOwnOutput(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(GENERATED)) {
                for (var value : mirror.getElementValues().entrySet()) {
                    if (value.getKey().getSimpleName().contentEquals("value")
                            && value.getValue().toString().contains(ParallelProcessor.class.getName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
