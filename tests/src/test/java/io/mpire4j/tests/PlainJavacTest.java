package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor jar is self-contained: plain {@code javac -processorpath mpire4j-processor.jar},
 * with only the runtime (and the annotations) on the class path, generates a working class under
 * {@code -Xlint:all -Werror}.
 */
class PlainJavacTest {

    @Test
    void javacWithOnlyTheProcessorJarOnItsProcessorPath(@TempDir Path dir) throws Exception {
        Path processor = Path.of(System.getProperty("mpire4j.processor.jar"));
        assertTrue(Files.isRegularFile(processor), "no processor jar at " + processor);
        Path source = Files.createDirectories(dir.resolve("src/plain")).resolve("Squares.java");
        Files.writeString(source, """
                package plain;
                import io.mpire4j.annotations.Parallel;
                public final class Squares {
                    @Parallel static long square(long x) { return x * x; }
                    public static LongPredicate check() {
                        return x -> {
                            try (SquaresParallel pool = SquaresParallel.create()) {
                                return pool.square(x) == x * x;
                            }
                        };
                    }
                }
                """.replace("LongPredicate", "java.util.function.LongPredicate"));
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        int status = javac.getTask(out, null, null, List.of("-Xlint:all", "-Werror",
                        "-processorpath", processor.toString(),
                        "-classpath", System.getProperty("java.class.path"),
                        "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call() ? 0 : 1;
        assertEquals(0, status, out.toString());
        assertEquals("plain.SquaresParallel$Provider\n",
                Files.readString(classes.resolve("META-INF/services/io.mpire4j.internal.ProgramProvider")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                PlainJavacTest.class.getClassLoader())) {
            LongPredicate check = (LongPredicate) loader.loadClass("plain.Squares").getMethod("check").invoke(null);
            assertTrue(check.test(12));
        }
    }
}
