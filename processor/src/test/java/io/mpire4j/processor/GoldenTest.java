package io.mpire4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The shape of generated classes, compared as text with {@code src/test/resources/golden/}. After a
 * deliberate change, regenerate with {@code mvn test -pl processor -Dtest=GoldenTest
 * -Dgolden.update=true} and review the diff.
 */
class GoldenTest {

    @Test
    void simpleStaticClass() {
        JavaFileObject source = Compilers.source("demo.Primes",
                "package demo;",
                "",
                "import io.mpire4j.annotations.Parallel;",
                "",
                "public final class Primes {",
                "    @Parallel",
                "    static boolean isPrime(long n) {",
                "        if (n < 2) return false;",
                "        for (long d = 2; d * d <= n; d++) if (n % d == 0) return false;",
                "        return true;",
                "    }",
                "}");
        assertGolden(source, "demo.PrimesParallel");
    }

    @Test
    void statefulClass() {
        JavaFileObject source = Compilers.source("demo.PrefixCount",
                "package demo;",
                "",
                "import io.mpire4j.annotations.*;",
                "import java.io.IOException;",
                "import java.util.HashMap;",
                "import java.util.Map;",
                "import java.util.Set;",
                "",
                "public final class PrefixCount {",
                "    static final class Counter {",
                "        final Map<String, Integer> counts = new HashMap<>();",
                "    }",
                "",
                "    @WorkerInit",
                "    static Counter start(@WorkerId int id) { return new Counter(); }",
                "",
                "    @Parallel",
                "    static void add(@WorkerState Counter c, String document) { c.counts.merge(document, 1, Integer::sum); }",
                "",
                "    @Parallel",
                "    static double fit(double[] xs, int degree, @WorkerId int worker) throws IOException { return xs.length * degree; }",
                "",
                "    @WorkerExit",
                "    static Set<String> popular(@WorkerState Counter c, @WorkerId int id) { return c.counts.keySet(); }",
                "}");
        assertGolden(source, "demo.PrefixCountParallel");
    }

    @Test
    void instanceMethodClass() {
        JavaFileObject source = Compilers.source("demo.ImageJob",
                "package demo;",
                "",
                "import io.mpire4j.annotations.*;",
                "import java.util.List;",
                "",
                "public final class ImageJob {",
                "    private final float[][] image;",
                "",
                "    public ImageJob(float[][] image) { this.image = image; }",
                "",
                "    @WorkerInit",
                "    StringBuilder log() { return new StringBuilder(); }",
                "",
                "    @Parallel",
                "    float[][] filter(List<String> steps) { return image; }",
                "",
                "    @Parallel",
                "    static int size(int width, int height) { return width * height; }",
                "",
                "    @WorkerExit",
                "    void done(@WorkerState StringBuilder log) {}",
                "}");
        assertGolden(source, "demo.ImageJobParallel");
    }

    @Test
    void nestedClass() {
        JavaFileObject source = Compilers.source("demo.Outer",
                "package demo;",
                "",
                "import io.mpire4j.annotations.Parallel;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "public final class Outer {",
                "    public static final class Inner {",
                "        @Parallel",
                "        public static Map<String, int[]> index(List<String> words) { return Map.of(); }",
                "",
                "        @Parallel",
                "        static long seed() { return 42L; }",
                "    }",
                "}");
        assertGolden(source, "demo.Outer_InnerParallel");
    }

    private static void assertGolden(JavaFileObject source, String generated) {
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
        String actual = Compilers.generatedText(compilation, generated);
        Path golden = Path.of("src/test/resources/golden", generated.replace('.', '/') + ".java");
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot write " + golden.toAbsolutePath(), e);
            }
            return;
        }
        assertWithMessage("golden file %s (regenerate with -Dgolden.update=true)", golden)
                .that(actual).isEqualTo(readGolden(generated));
    }

    private static String readGolden(String generated) {
        String resource = "/golden/" + generated.replace('.', '/') + ".java";
        try (InputStream in = GoldenTest.class.getResourceAsStream(resource)) {
            assertWithMessage("golden resource %s exists (create it with -Dgolden.update=true)", resource)
                    .that(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
