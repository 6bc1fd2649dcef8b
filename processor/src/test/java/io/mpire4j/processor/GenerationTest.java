package io.mpire4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that must compile, warning-free, with the processor; and the processor's contract. */
class GenerationTest {

    /**
     * Every kind of codec: records (generic, nested, self-containing, holding a type the package
     * cannot name), an enum with a constant body, nested lists, sets and maps, arrays of records, a
     * class that needs Java serialization, and a receiver that is not Serializable.
     */
    static final JavaFileObject CODEC_SINK = Compilers.source("demo.Shapes",
            "package demo;",
            "",
            "import io.mpire4j.annotations.*;",
            "import java.io.Serializable;",
            "import java.util.*;",
            "import other.Box;",
            "",
            "public final class Shapes {",
            "    private final double scale;",
            "    public Shapes(double scale) { this.scale = scale; }",
            "",
            "    public enum Color { RED, GREEN, BLUE { @Override public String toString() { return \"blue\"; } } }",
            "    public record Point(int x, int y) implements Serializable {}",
            "    public record Polygon(String name, Color color, List<Point> points, Map<String, Set<Color>> tags,",
            "            long id, char mark, Boolean closed) {}",
            "    public record Pair<A, B>(A first, B second) {}",
            "    public record Node(int value, List<Node> children) implements Serializable {}",
            "    record Empty() {}",
            "    public static final class Legacy implements Serializable {",
            "        private static final long serialVersionUID = 1L;",
            "        final Point at;",
            "        transient Object cache;",
            "        public Legacy(Point at) { this.at = at; }",
            "        @Override public boolean equals(Object o) { return o instanceof Legacy l && l.at.equals(at); }",
            "        @Override public int hashCode() { return at.hashCode(); }",
            "    }",
            "",
            "    @WorkerInit static StringBuilder start(@WorkerId int id) { return new StringBuilder(); }",
            "    @Parallel double area(Polygon polygon) { return scale * polygon.points().size(); }",
            "    @Parallel static Map<Color, List<Point>> byColor(List<Polygon> polygons, Set<Color> wanted) {",
            "        return Map.of(); }",
            "    @Parallel static Point[] corners(Point[][] grid) { return grid[0]; }",
            "    @Parallel static Pair<String, Point> label(Pair<String, Integer> pair) { return null; }",
            "    @Parallel static Node tree(Node root) { return root; }",
            "    @Parallel static Legacy legacy(Legacy legacy, Empty empty) { return legacy; }",
            "    @Parallel static List<List<Map<String, Double>>> nested(Set<List<Color>> sets) { return List.of(); }",
            "    @Parallel static ArrayList<Point> copy(Color[] colors) { return new ArrayList<>(); }",
            "    @Parallel static int open(Box box) { return 0; }",
            "    @WorkerExit static List<Point> stop(@WorkerState StringBuilder log) { return List.of(); }",
            "}");

    /** A public record with a component that code outside its package cannot name. */
    static final JavaFileObject BOX = Compilers.source("other.Box",
            "package other;",
            "public record Box(Secret secret) implements java.io.Serializable {",
            "    public static Box of(int n) { return new Box(new Secret(n)); }",
            "}",
            "record Secret(int n) implements java.io.Serializable {}");

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
        assertThat(text).contains(".exit(\"close\", (state, workerId) -> shared.close(state, workerId), Codecs.INT)");
        // The pool and child JVMs number the methods alike: the handles come from program() by index.
        assertThat(text).contains("this.pool = WorkerPool.create(program(shared), options);");
        assertThat(text).contains("this.pool_ = this.pool.method(21);");
        assertThat(text).contains("static WorkerProgram<Sink.State, Integer> program(Sink shared) {");
        assertThat(text).contains(".receiver(shared, SINK)");
        assertThat(text).contains("return SinkParallel.program(SINK.read(receiver));");
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
                // The other processor runs first: ParallelProcessor claims @Parallel, so a "*" processor
                // after it would never be asked (a real one would support its own annotation).
                .withProcessors(new FirstRoundProcessor(filer -> filer.createSourceFile("demo.Later").openWriter(),
                        "package demo;\npublic record Later(int w, int h) { public int area() { return w * h; } }\n"),
                        new ParallelProcessor())
                .withOptions(Compilers.STRICT_NO_CROSSING)
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.UsesParallel"))
                .contains("public int area(Later shape)");
    }

    @Test
    void deprecatedUserCodeAddsNoWarningsToTheGeneratedClass() {
        JavaFileObject old = Compilers.source("demo.Old",
                "package demo;",
                "/** Old. @deprecated use New */",
                "@Deprecated public record Old(int x) {}");
        JavaFileObject gone = Compilers.source("demo.Gone",
                "package demo;",
                "@Deprecated(forRemoval = true) public enum Gone { A }");
        JavaFileObject legacy = Compilers.source("demo.Legacy",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "/** Legacy. @deprecated going */",
                "@Deprecated public final class Legacy {",
                "    @SuppressWarnings(\"removal\") @Parallel static Gone letter(Gone g) { return g; }",
                "    /** @deprecated not any more */",
                "    @Deprecated @Parallel static int x(Old old) { return old.x(); }",
                "}");
        JavaFileObject fresh = Compilers.source("demo.Fresh",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Fresh {",
                "    /** @deprecated old */",
                "    @Deprecated @Parallel static int twice(int x) { return 2 * x; }",
                "}");
        Compilation compilation = Compilers.compileStrict(old, gone, legacy, fresh);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.LegacyParallel"))
                .contains("@SuppressWarnings({\"deprecation\", \"removal\"})");
        assertThat(Compilers.generatedText(compilation, "demo.FreshParallel"))
                .contains("@SuppressWarnings(\"deprecation\")");
    }

    @Test
    void genericVarargsWithoutSafeVarargsCompileWithoutWarnings() {
        JavaFileObject source = Compilers.source("demo.Lists",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import java.util.List;",
                "public final class Lists {",
                "    @SuppressWarnings(\"unchecked\")",
                "    @Parallel static int count(String label, List<String>... lists) { return lists.length; }",
                "}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.generatedText(compilation, "demo.ListsParallel"))
                .contains("public int count(String label, List<String>... lists)");
    }

    @Test
    void anotherParallelAnnotationInALocalClassIsNotMpire4js() {
        JavaFileObject other = Compilers.source("other.Parallel",
                "package other;",
                "public @interface Parallel {}");
        JavaFileObject source = Compilers.source("demo.Uses",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import other.Parallel;",
                "public final class Uses {",
                "    void run() {",
                "        class Local { @Parallel int count(String s) { return 0; } }",
                "        new Local();",
                "    }",
                "}");
        assertThat(Compilers.compile(other, source)).succeeded();
    }

    @Test
    void leavesOtherProcessorsGeneratedClassesUnclaimed() {
        // Another processor's output carries @Generated too: it stays unclaimed, so -Xlint:processing
        // still reports it, as it would without mpire4j.
        JavaFileObject source = Compilers.source("demo.Other",
                "package demo;",
                "@javax.annotation.processing.Generated(\"some.OtherProcessor\")",
                "public final class Other {}");
        Compilation compilation = Compilers.compileStrict(source);
        assertThat(compilation).hadWarningContaining("No processor claimed any of these annotations");
    }

    @Test
    void declaresItsAnnotationsAndTheLatestSourceVersion() {
        ParallelProcessor processor = new ParallelProcessor();
        assertThat(processor.getSupportedAnnotationTypes()).containsExactly(
                "io.mpire4j.annotations.Parallel", "io.mpire4j.annotations.WorkerInit",
                "io.mpire4j.annotations.WorkerExit", "io.mpire4j.annotations.WorkerState",
                "io.mpire4j.annotations.WorkerId",
                // claimed only on the classes this processor wrote (see ParallelProcessor.claims)
                "javax.annotation.processing.Generated");
        assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
    }

    @Test
    void isRegisteredAsAnAggregatingProcessor() throws IOException {
        // Aggregating: one services file lists the providers of every annotated class.
        try (var in = ParallelProcessor.class.getResourceAsStream(
                "/META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.mpire4j.processor.ParallelProcessor,aggregating\n"
                            + "io.mpire4j.processor.StaleServicesProcessor,aggregating");
        }
    }

    // --- codecs ---

    @Test
    void codecSinkCompilesWithoutWarnings() {
        Compilation compilation = Compilers.compileStrict(CODEC_SINK, BOX);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.recompileStrict(compilation, CODEC_SINK, BOX)).succeededWithoutWarnings();
    }

    @Test
    void codecsAreComposedFromTheDeclaredTypes() {
        String text = Compilers.generatedText(Compilers.compileStrict(CODEC_SINK, BOX), "demo.ShapesParallel");
        // Primitives, boxes and strings use the runtime's constants; enums their values.
        assertThat(text).contains("private static final Codec<Shapes.Color> COLOR = "
                + "Codecs.enumOf(Shapes.Color.values());");
        // Records: each component by its own codec, read back through the canonical constructor.
        assertThat(text).contains("private static final Codec<Shapes.Point> POINT = Codec.of((out, value) -> {\n"
                + "        Codecs.INT.write(out, value.x());\n"
                + "        Codecs.INT.write(out, value.y());\n"
                + "    }, in -> new Shapes.Point(Codecs.INT.read(in), Codecs.INT.read(in)));");
        assertThat(text).contains("private static final Codec<List<Shapes.Point>> LIST_OF_POINT = "
                + "Codecs.list(POINT);");
        assertThat(text).contains("Codecs.map(Codecs.STRING, SET_OF_COLOR);");
        assertThat(text).contains("private static final Codec<Shapes.Point[][]> POINT_ARRAY_ARRAY = "
                + "Codecs.array(POINT_ARRAY, Shapes.Point[][]::new);");
        assertThat(text).contains("in -> new Shapes.Pair<String, Integer>(Codecs.STRING.read(in), "
                + "Codecs.INT.read(in))");
        assertThat(text).contains("Codecs.list(LIST_OF_MAP_OF_STRING_TO_DOUBLE)");
        // Args classes are written like records.
        assertThat(text).contains("in -> new ByColorArgs(LIST_OF_POLYGON.read(in), SET_OF_COLOR.read(in))");
        // A record that contains itself, a record whose component the package cannot name, a plain class
        // and a parameterized class fall back to serialization, allowing the classes they hold.
        assertThat(text).contains("private static final Codec<Shapes.Node> NODE = "
                + "Codecs.serialized(Shapes.Node.class);");
        assertThat(text).contains("private static final Codec<Box> BOX = Codecs.serialized(Box.class);");
        assertThat(text).contains("private static final Codec<Shapes.Legacy> LEGACY = "
                + "Codecs.serialized(Shapes.Legacy.class,\n            Shapes.Point.class);");
        assertThat(text).contains("@SuppressWarnings(\"unchecked\")\n"
                + "    private static final Codec<ArrayList<Shapes.Point>> ARRAY_LIST_OF_POINT = "
                + "(Codec<ArrayList<Shapes.Point>>) (Codec<?>)\n"
                + "            Codecs.serialized(ArrayList.class, Shapes.Point.class);");
        // The receiver is not Serializable: that fails when a child JVM needs it, not at compile time.
        assertThat(text).contains(".receiver(shared, SHAPES)");
        assertThat(text).contains(".exit(\"stop\", (state, workerId) -> Shapes.stop(state), LIST_OF_POINT)");
        assertThat(text).contains("BY_COLOR_ARGS, MAP_OF_COLOR_TO_LIST_OF_POINT)");
        // Only the casts suppress warnings, field by field.
        assertThat(text).doesNotContain("@SuppressWarnings({");
        // Equal codecs are one constant.
        assertThat(text.split("Codec<List<Shapes.Point>> LIST_OF_POINT", -1)).hasLength(2);
    }

    @Test
    void aUserClassNamedProviderDoesNotClashWithTheGeneratedOne() {
        JavaFileObject provider = Compilers.source("demo.Provider",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Provider {",
                "    @Parallel static Provider same(Provider p) { return p; }",
                "}");
        Compilation compilation = Compilers.compileStrict(provider);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.recompileStrict(compilation, provider)).succeededWithoutWarnings();
    }

    // --- the services file ---

    @Test
    void theServicesFileListsEveryProviderSorted() throws IOException {
        JavaFileObject plain = Compilers.source("Plain",
                "import io.mpire4j.annotations.*;",
                "public final class Plain {",
                "    @Parallel static int twice(int n) { return 2 * n; }",
                "}");
        JavaFileObject outer = Compilers.source("demo.Outer",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Outer {",
                "    public static final class Inner { @Parallel static int one(int n) { return n; } }",
                "    @Parallel static int two(int n) { return n; }",
                "}");
        Compilation compilation = Compilers.compileStrict(outer, plain);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(servicesFile(compilation)).isEqualTo(
                "PlainParallel$Provider\ndemo.OuterParallel$Provider\ndemo.Outer_InnerParallel$Provider\n");
    }

    @Test
    void theServicesFileKeepsTheEntriesOfClassesNotRecompiled(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path services = classes.resolve(ServicesFile.PATH);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# from an earlier build\nother.KeptParallel$Provider\n\n"
                + "demo.PrimesParallel$Provider\n");
        Path source = Files.createDirectories(dir.resolve("src/demo")).resolve("Primes.java");
        Files.writeString(source, "package demo;\n"
                + "import io.mpire4j.annotations.Parallel;\n"
                + "public final class Primes { @Parallel static boolean isPrime(long n) { return n > 1; } }\n");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-s", Files.createDirectories(dir.resolve("generated")).toString(),
                            "-classpath", System.getProperty("java.class.path")),
                    null, files.getJavaFileObjects(source));
            task.setProcessors(List.of(new ParallelProcessor()));
            assertWithMessage("%s", diagnostics.getDiagnostics()).that(task.call()).isTrue();
        }
        assertThat(Files.readString(services)).isEqualTo(
                "demo.PrimesParallel$Provider\nother.KeptParallel$Provider\n");
    }

    /** Plain javac into {@code classes}, with {@code classes} on the class path, as incremental builds run it. */
    private static List<javax.tools.Diagnostic<? extends JavaFileObject>> compileInto(Path dir, Path... sources)
            throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-s", Files.createDirectories(dir.resolve("generated")).toString(),
                            "-classpath", classes + java.io.File.pathSeparator + System.getProperty("java.class.path")),
                    null, files.getJavaFileObjects(sources));
            // both, as the processor jar registers them
            task.setProcessors(List.of(new ParallelProcessor(), new StaleServicesProcessor()));
            task.call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .toList();
    }

    @Test
    void recompilingOneClassAgainstItsEarlierOutputWorks(@TempDir Path dir) throws IOException {
        Path primes = Files.createDirectories(dir.resolve("src/demo")).resolve("Primes.java");
        Path other = primes.resolveSibling("Other.java");
        Files.writeString(primes, "package demo;\n"
                + "import io.mpire4j.annotations.Parallel;\n"
                + "public final class Primes { @Parallel static boolean isPrime(long n) { return n > 1; } }\n");
        Files.writeString(other, "package demo;\n"
                + "import io.mpire4j.annotations.Parallel;\n"
                + "public final class Other { @Parallel static int one(int n) { return 1; } }\n");
        Path services = dir.resolve("classes").resolve(ServicesFile.PATH);

        assertThat(compileInto(dir, primes, other)).isEmpty();
        assertThat(Files.readString(services)).isEqualTo("demo.OtherParallel$Provider\ndemo.PrimesParallel$Provider\n");
        // The earlier PrimesParallel.class is the processor's own output, not a user type in the way.
        assertThat(compileInto(dir, primes)).isEmpty();
        assertThat(Files.readString(services)).isEqualTo("demo.OtherParallel$Provider\ndemo.PrimesParallel$Provider\n");
        // Primes loses its @Parallel method: its entry goes, Other's (not recompiled) stays.
        Files.writeString(primes, "package demo;\npublic final class Primes { static boolean isPrime(long n) { return n > 1; } }\n");
        assertThat(compileInto(dir, primes)).isEmpty();
        assertThat(Files.readString(services)).isEqualTo("demo.OtherParallel$Provider\n");
    }

    @Test
    void namedModulesGetNoServicesFile(@TempDir Path dir) throws Exception {
        Path modulePath = Files.createDirectories(dir.resolve("mp"));
        jarOf(io.mpire4j.annotations.Parallel.class, modulePath.resolve("mpire4j.annotations.jar"));
        jarOf(io.mpire4j.internal.WorkerPool.class, modulePath.resolve("mpire4j.runtime.jar"));
        Path app = Files.createDirectories(dir.resolve("src/app/demo"));
        Files.writeString(app.resolveSibling("module-info.java"), "module app {\n"
                + "    requires io.mpire4j.annotations;\n"
                + "    requires io.mpire4j.runtime;\n"
                + "    provides io.mpire4j.internal.ProgramProvider with demo.PrimesParallel.Provider;\n"
                + "}\n");
        Files.writeString(app.resolve("Primes.java"), "package demo;\n"
                + "import io.mpire4j.annotations.Parallel;\n"
                + "public final class Primes { @Parallel static boolean isPrime(long n) { return n > 1; } }\n");
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("--module-source-path", dir.resolve("src").toString(), "--module-path", modulePath.toString(),
                            "-d", classes.toString(), "--module", "app"),
                    null, null);
            task.setProcessors(List.of(new ParallelProcessor(), new StaleServicesProcessor()));
            assertWithMessage("%s", diagnostics.getDiagnostics()).that(task.call()).isTrue();
        }
        assertThat(Files.exists(classes.resolve("app/demo/PrimesParallel$Provider.class"))).isTrue();
        assertThat(Files.exists(classes.resolve("app").resolve(ServicesFile.PATH))).isFalse();
        assertThat(Files.exists(classes.resolve(ServicesFile.PATH))).isFalse();
    }

    /** The jar (or class directory, jarred) that {@code type} was loaded from, as {@code target}. */
    private static void jarOf(Class<?> type, Path target) throws Exception {
        Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(source)) {
            Files.copy(source, target);
            return;
        }
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target));
                var walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(source.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static String servicesFile(Compilation compilation) throws IOException {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, ServicesFile.PATH)
                .orElseThrow(() -> new AssertionError("no " + ServicesFile.PATH));
        return file.getCharContent(false).toString();
    }
}
