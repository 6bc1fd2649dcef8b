package io.mpire4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Inputs that must compile, warning-free, with the processor; and the processor's contract. */
class GenerationTest {

    /** Everything a signature can hold, at once. */
    private static final JavaFileObject KITCHEN_SINK = Compilers.source("demo.Sink",
            "package demo;",
            "",
            "import io.mpire4j.annotations.*;",
            "import java.io.IOException;",
            "import java.util.*;",
            "import java.util.concurrent.TimeoutException;",
            "",
            "public final class Sink {",
            "    private final String name;",
            "    public Sink(String name) { this.name = name; }",
            "",
            "    static final class State { int uses; }",
            "",
            "    @WorkerInit State open(@WorkerId int id) throws IOException { return new State(); }",
            "",
            "    @Parallel static boolean z(boolean v) { return !v; }",
            "    @Parallel static byte b(byte v) { return v; }",
            "    @Parallel static short s(short v) { return v; }",
            "    @Parallel static char c(char v) { return v; }",
            "    @Parallel static int i(int v) { return v; }",
            "    @Parallel static long l(long v) { return v; }",
            "    @Parallel static float f(float v) { return v; }",
            "    @Parallel static double d(double v) { return v; }",
            "    @Parallel static int[] ints(int[] v) { return v; }",
            "    @Parallel static String[][] grid(String[][] v, int n) { return v; }",
            "    @Parallel static List<String> words(List<String> v) { return v; }",
            "    @Parallel static Map<String, int[]> index(Map<String, int[]> v, Set<? extends Number> keys) { return v; }",
            "    @Parallel static List<? super Integer> sink(List<? extends Number> v) { return new ArrayList<Object>(); }",
            "    @Parallel static void nothing(String v) throws TimeoutException, IOException {}",
            "    @Parallel static long sum(long... values) { return values.length; }",
            "    @Parallel static int count(String label, int... values) { return values.length; }",
            "    @Parallel static double random(@WorkerState State state, @WorkerId int id) { return id; }",
            "    @SuppressWarnings(\"rawtypes\") @Parallel static int raw(List v) { return v.size(); }",
            "    @Parallel static int generics(List<String>[] lists, int n) { return n; }",
            "    @Parallel static List<String> nested(Map.Entry<String, List<int[]>> entry) { return List.of(); }",
            "    @Parallel String greet(@WorkerState State state, String pool, String task, String state2) {",
            "        state.uses++; return name + pool + task + state2; }",
            "    @Parallel int pool(int shared, int options, int workerId) { return 0; }",
            "    @Parallel static int other(String other, String that, String hashcode, String hash, String equals) {",
            "        return 0; }",
            "    @Parallel static int mixed(boolean z, byte b, short s, char c, int i, long l, float f, double d,",
            "        Object o, Object[] os, int[][] grid, float[] fs) { return 0; }",
            "    @Parallel static Sink self(Sink sink) { return sink; }",
            "    @Parallel static Sink.Inner inner(Sink.Inner a, Inner b) { return a; }",
            "",
            "    public static final class Inner {",
            "        @Parallel static Optional<Inner> find(String key) { return Optional.empty(); }",
            "    }",
            "",
            "    @WorkerExit int close(@WorkerState State state, @WorkerId int id) { return state.uses; }",
            "}");

    @Test
    void kitchenSinkCompilesWithoutWarnings() {
        Compilation compilation = Compilers.compileStrict(KITCHEN_SINK);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("demo.SinkParallel");
        assertThat(compilation).generatedSourceFile("demo.Sink_InnerParallel");
        // The generated code alone, under exactly -Xlint:all -Werror and no processor.
        assertThat(Compilers.recompileStrict(compilation, KITCHEN_SINK)).succeededWithoutWarnings();
    }

    @Test
    void kitchenSinkSignatures() {
        String text = Compilers.generatedText(Compilers.compileStrict(KITCHEN_SINK), "demo.SinkParallel");
        assertThat(text).contains("public static SinkParallel create(Sink shared, PoolOptions options)");
        assertThat(text).contains("public char c(char v)");
        assertThat(text).contains("public CompletableFuture<Character> cAsync(char v)");
        assertThat(text).contains("public ParallelMethod<IndexArgs, Map<String, int[]>> index()");
        assertThat(text).contains("public ParallelMethod<List<String>, List<String>> words()");
        assertThat(text).contains("public ParallelMethod<List<? extends Number>, List<? super Integer>> sink()");
        assertThat(text).contains("public long sum(long... values)");
        assertThat(text).contains("public int count(String label, int... values)");
        assertThat(text).contains("public ParallelMethod<Void, Double> random()");
        assertThat(text).contains("public CompletableFuture<Double> randomAsync()");
        assertThat(text).contains("public void nothing(String v) {");
        assertThat(text).contains("public int generics(List<String>[] lists, int n)");
        assertThat(text).contains("public List<Integer> exitResults()");
        assertThat(text).contains("@SuppressWarnings({\"rawtypes\", \"unchecked\"})");
        // A method named pool gets a field that does not hide the pool's.
        assertThat(text).contains("private final ParallelMethod<PoolArgs, Integer> pool_;");
        assertThat(text).contains("return this.pool_.apply(new PoolArgs(shared, options, workerId));");
        // Instance methods run on the shared receiver, static ones on the class.
        assertThat(text).contains("(state, workerId, task) -> shared.greet(state, task.pool(), task.task(), "
                + "task.state2())");
        assertThat(text).contains(".init(\"open\", workerId -> shared.open(workerId))");
        assertThat(text).contains(".exit(\"close\", (state, workerId) -> shared.close(state, workerId))");
        // Argument classes: written as records would be, but arrays by content.
        assertThat(text).contains("public static final class GridArgs {");
        assertThat(text).contains("public GridArgs(String[][] v, int n) {");
        assertThat(text).contains("public String[][] v() {");
        assertThat(text).contains("public int n() {");
        assertThat(text).contains("Arrays.deepToString(this.v)");
        assertThat(text).contains("return \"GenericsArgs[lists=\" + Arrays.deepToString(this.lists) + \", n=\" "
                + "+ this.n + \"]\";");
        assertThat(text).contains("public String equals() {");
        assertThat(text).contains("&& Objects.equals(this.that, that.that)");
        assertThat(text).contains("hash = 31 * hash + Objects.hashCode(this.hash);");
        assertThat(text).contains("&& this.z == that.z");
        assertThat(text).contains("&& Float.compare(this.f, that.f) == 0");
        assertThat(text).contains("&& Double.compare(this.d, that.d) == 0");
        assertThat(text).contains("&& Arrays.deepEquals(this.os, that.os)");
        assertThat(text).contains("&& Arrays.deepEquals(this.grid, that.grid)");
        assertThat(text).contains("&& Arrays.equals(this.fs, that.fs)");
        assertThat(text).contains("hash = 31 * hash + Character.hashCode(this.c);");
        assertThat(text).contains("hash = 31 * hash + Arrays.deepHashCode(this.grid);");
        assertThat(text).contains("hash = 31 * hash + Arrays.hashCode(this.fs);");
    }

    @Test
    void argumentsNamedLikeTypesDoNotHideThem() {
        // Inside FitArgs a field named Arrays hides java.util.Arrays: the generated code qualifies it.
        JavaFileObject source = Compilers.source("demo.Odd",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Odd {",
                "    @Parallel static int fit(double[] Arrays, String Objects, double Double, long Long, Odd Odd) {",
                "        return 0; }",
                "}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.recompileStrict(compilation, source)).succeededWithoutWarnings();
        String text = Compilers.generatedText(compilation, "demo.OddParallel");
        assertThat(text).contains("int hash = java.util.Arrays.hashCode(this.Arrays);");
        assertThat(text).contains("&& java.util.Objects.equals(this.Objects, that.Objects)");
        assertThat(text).contains("&& java.lang.Double.compare(this.Double, that.Double) == 0");
        assertThat(text).contains("hash = 31 * hash + java.lang.Long.hashCode(this.Long);");
        assertThat(text).contains("&& java.util.Objects.equals(this.Odd, that.Odd)");
    }

    @Test
    void staticMethodsOfAGenericClassNeedNoReceiver() {
        JavaFileObject source = Compilers.source("demo.Box",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Box<T> {",
                "    @Parallel static int length(String s) { return s.length(); }",
                "}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.BoxParallel"))
                .contains("public static BoxParallel create(PoolOptions options)");
    }

    @Test
    void enumAndRecordClasses() {
        JavaFileObject kind = Compilers.source("demo.Kind",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public enum Kind {",
                "    A, B;",
                "    @Parallel String label(int n) { return name() + n; }",
                "}");
        JavaFileObject point = Compilers.source("demo.Point",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public record Point(int x, int y) {",
                "    @Parallel int dot(Point other) { return x * other.x + y * other.y; }",
                "}");
        Compilation compilation = Compilers.compileStrict(kind, point);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.KindParallel"))
                .contains("public static KindParallel create(Kind shared)");
    }

    @Test
    void classesNestedInInterfacesAreStatic() {
        JavaFileObject source = Compilers.source("demo.Api",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public interface Api {",
                "    final class Impl {",
                "        @Parallel static int twice(int n) { return 2 * n; }",
                "    }",
                "}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.Api_ImplParallel"))
                .contains("WorkerProgram.<Void, Void>builder(\"Api.Impl\")");
    }

    @Test
    void defaultPackage() {
        JavaFileObject source = Compilers.source("Plain",
                "import io.mpire4j.annotations.*;",
                "public final class Plain {",
                "    @Parallel static int twice(int n) { return 2 * n; }",
                "}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("PlainParallel");
    }

    @Test
    void aClassNamedLikeALambdaParameterStillCompiles() {
        JavaFileObject source = Compilers.source("demo.task",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class task {",
                "    @WorkerInit static String start(@WorkerId int id) { return \"\"; }",
                "    @Parallel static int run(@WorkerState String state, int n) { return n; }",
                "}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void defersClassesWhoseTypesAreGeneratedLater() {
        JavaFileObject source = Compilers.source("demo.Uses",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Uses {",
                "    @Parallel static int area(Later shape) { return shape.area(); }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new ParallelProcessor(), new GeneratesLater())
                .withOptions(Compilers.STRICT)
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.UsesParallel"))
                .contains("public int area(Later shape)");
    }

    @Test
    void declaresItsAnnotationsAndTheLatestSourceVersion() {
        ParallelProcessor processor = new ParallelProcessor();
        assertThat(processor.getSupportedAnnotationTypes()).containsExactly(
                "io.mpire4j.annotations.Parallel", "io.mpire4j.annotations.WorkerInit",
                "io.mpire4j.annotations.WorkerExit", "io.mpire4j.annotations.WorkerState",
                "io.mpire4j.annotations.WorkerId");
        assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
    }

    @Test
    void isRegisteredAsAnIsolatingProcessor() throws IOException {
        try (var in = ParallelProcessor.class.getResourceAsStream(
                "/META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.mpire4j.processor.ParallelProcessor,isolating");
        }
    }

    /** Another processor that generates {@code demo.Later} in its first round. */
    private static final class GeneratesLater extends AbstractProcessor {
        private boolean done;

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
                try (Writer out = processingEnv.getFiler().createSourceFile("demo.Later").openWriter()) {
                    out.write("package demo;\npublic record Later(int w, int h) { public int area() { return w * h; } }\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
