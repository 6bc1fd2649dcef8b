package io.mpire4j.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs a {@link ParallelProcessor} and records the names of the source files it creates, which
 * compile-testing does not show for a failed compilation. Optionally makes every file creation
 * crash, to see how the processor reports its own failures.
 */
final class RecordingProcessor extends AbstractProcessor {
    private final ParallelProcessor delegate = new ParallelProcessor();
    private final List<String> created = new ArrayList<>();
    private final boolean crashOnCreate;

    RecordingProcessor() {
        this(false);
    }

    RecordingProcessor(boolean crashOnCreate) {
        this.crashOnCreate = crashOnCreate;
    }

    /** The qualified names of the source files created so far. */
    List<String> created() {
        return created;
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        delegate.init(new RecordingEnvironment(environment));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    private final class RecordingEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment environment;

        RecordingEnvironment(ProcessingEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Filer getFiler() {
            Filer filer = environment.getFiler();
            return new Filer() {
                @Override
                public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
                        throws IOException {
                    if (crashOnCreate) {
                        throw new IllegalStateException("simulated crash creating " + name);
                    }
                    created.add(name.toString());
                    return filer.createSourceFile(name, originatingElements);
                }

                @Override
                public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
                        throws IOException {
                    return filer.createClassFile(name, originatingElements);
                }

                @Override
                public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                        CharSequence relativeName, Element... originatingElements) throws IOException {
                    return filer.createResource(location, moduleAndPkg, relativeName, originatingElements);
                }

                @Override
                public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                        CharSequence relativeName) throws IOException {
                    return filer.getResource(location, moduleAndPkg, relativeName);
                }
            };
        }

        @Override
        public Map<String, String> getOptions() {
            return environment.getOptions();
        }

        @Override
        public Messager getMessager() {
            return environment.getMessager();
        }

        @Override
        public Elements getElementUtils() {
            return environment.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return environment.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return environment.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return environment.getLocale();
        }
    }
}
