package io.mpire4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Shared compile-testing set-up: the processor, and the strictest warning settings. */
final class Compilers {
    /**
     * Exactly what a strict user build passes: every lint warning an error, {@code processing}
     * included (the processor claims its own annotations, so javac has no "No processor claimed"
     * to warn about). Generated code is also compiled without the processor under the same flags
     * (see {@link #recompileStrict}).
     */
    static final List<String> STRICT = List.of("-Xlint:all", "-Werror");

    /**
     * {@link #STRICT} without the {@code [mpire4j.crossing]} warnings, which most test sources (plain
     * classes as shared receivers, say) would raise: for tests of what is generated, not of that check.
     */
    static final List<String> STRICT_NO_CROSSING = List.of("-Xlint:all", "-Werror", "-Ampire4j.crossing=off");

    private Compilers() {}

    /** Compiles {@code sources} with fresh processors, both as the processor jar registers them. */
    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ParallelProcessor(), new StaleServicesProcessor()).compile(sources);
    }

    /** Compiles {@code sources} with fresh processors, every warning an error. */
    static Compilation compileStrict(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ParallelProcessor(), new StaleServicesProcessor())
                .withOptions(STRICT_NO_CROSSING).compile(sources);
    }

    /** As {@link #compileStrict}, with the {@code [mpire4j.crossing]} check on. */
    static Compilation compileStrictWithCrossing(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ParallelProcessor(), new StaleServicesProcessor())
                .withOptions(STRICT).compile(sources);
    }

    /**
     * Compiles {@code sources} together with what {@code compilation} generated from them, without
     * any processor, under exactly {@code -Xlint:all -Werror}.
     */
    static Compilation recompileStrict(Compilation compilation, JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>(List.of(sources));
        all.addAll(compilation.generatedSourceFiles());
        return Compiler.javac().withOptions("-Xlint:all", "-Werror").compile(all);
    }

    /** A source file {@code name} (a qualified class name) with {@code lines}. */
    static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines(name, lines);
    }

    /** The text of the generated source {@code qualifiedName}. */
    static String generatedText(Compilation compilation, String qualifiedName) {
        JavaFileObject file = compilation.generatedSourceFile(qualifiedName).orElse(null);
        assertWithMessage("generated %s; diagnostics: %s", qualifiedName, compilation.diagnostics())
                .that(file).isNotNull();
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All diagnostics of {@code kind}, formatted, for failure messages. */
    static String describe(Compilation compilation, Diagnostic.Kind kind) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            if (d.getKind() == kind) {
                out.append(d).append('\n');
            }
        }
        return out.toString();
    }
}
