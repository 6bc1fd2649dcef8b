package io.mpire4j.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another processor beside mpire4j's, for tests of how they meet: in its first round it writes
 * one file through the {@link Filer}, then does nothing.
 */
final class FirstRoundProcessor extends AbstractProcessor {
    /** Opens the file to write. */
    @FunctionalInterface
    interface Target {
        Writer open(Filer filer) throws IOException;
    }

    private final Target target;
    private final String content;
    private boolean done;

    FirstRoundProcessor(Target target, String content) {
        this.target = target;
        this.content = content;
    }

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
        if (!done) {
            done = true;
            try (Writer out = target.open(processingEnv.getFiler())) {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
