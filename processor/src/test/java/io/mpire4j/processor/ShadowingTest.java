package io.mpire4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Legal user code whose names would shadow what the generated class refers to: types in the
 * user's package named like JDK or runtime types, methods named like types or packages, classes
 * named like generated fields, constants or nested classes. Each must compile, warning-free.
 */
class ShadowingTest {

    /** A class {@code demo.Work} with {@code members}, next to {@code demo.<name>} classes for {@code neighbours}. */
    private static Arguments inPackage(String description, String pkg, List<String> neighbours, String... members) {
        return inPackage(description, pkg, "Work", neighbours, members);
    }

    private static Arguments inPackage(String description, String pkg, String className, List<String> neighbours,
            String... members) {
        String prefix = pkg.isEmpty() ? "" : pkg + ".";
        List<JavaFileObject> sources = new ArrayList<>();
        List<String> work = new ArrayList<>();
        if (!pkg.isEmpty()) {
            work.add("package " + pkg + ";");
        }
        work.add("import io.mpire4j.annotations.*;");
        work.add("public final class " + className + " {");
        work.addAll(List.of(members));
        work.add("}");
        sources.add(Compilers.source(prefix + className, work.toArray(String[]::new)));
        for (String neighbour : neighbours) {
            String body = neighbour.startsWith("@") ? "public @interface " + neighbour.substring(1) + " {}"
                    : "public final class " + neighbour + " implements java.io.Serializable {"
                            + " private static final long serialVersionUID = 1L; }";
            sources.add(Compilers.source(prefix + neighbour.replace("@", ""),
                    pkg.isEmpty() ? body : "package " + pkg + "; " + body));
        }
        return Arguments.of(description, sources);
    }

    /** Adds {@code other.Provider}, {@code other.List} and {@code other.ProvideArgs}, serializable records. */
    private static Arguments withOther(Arguments arguments) {
        @SuppressWarnings("unchecked")
        List<JavaFileObject> sources = new ArrayList<>((List<JavaFileObject>) arguments.get()[1]);
        for (String name : List.of("Provider", "List", "ProvideArgs")) {
            sources.add(Compilers.source("other." + name,
                    "package other; public record " + name + "(int x) implements java.io.Serializable {}"));
        }
        return Arguments.of(arguments.get()[0], sources);
    }

    static Stream<Arguments> cases() {
        List<String> jdkNames = List.of("Character", "Double", "Integer", "Object", "String", "@Override", "List",
                "Objects", "Arrays", "CompletableFuture", "@Generated", "@SuppressWarnings", "AutoCloseable",
                "IOException", "DataInput", "Codec", "Codecs", "WorkerPool", "WorkerProgram", "ProgramProvider",
                "ParallelMethod", "PoolOptions", "Insights", "Void", "Provider", "PointArgs", "SumArgs");
        // Provider must be Serializable to be a task; the other neighbours are never used as values.
        String[] members = {
            "    @WorkerInit static int start(@WorkerId int id) { return id; }",
            "    @Parallel static double point(int x, double y) { return x + y; }",
            "    @Parallel static long sum(@WorkerState int base, char c, java.lang.String s) { return base + c + s.length(); }",
            "    @Parallel int scale(java.lang.Integer x) { return x; }",
            "    @Parallel static Provider provide(Provider p) { return p; }",
            "    @WorkerExit static java.util.List<java.lang.String> stop(@WorkerState int base) {",
            "        return java.util.List.of();",
            "    }",
        };
        return Stream.of(
                inPackage("JDK and runtime names in the user's package", "demo", jdkNames, members),
                inPackage("JDK and runtime names in the default package", "", jdkNames, members),
                inPackage("codec constants named after types", "demo", List.of(),
                        "    public record OCR(int x) {}",
                        "    public record POINT(int x) {}",
                        "    public enum A { X }",
                        "    @Parallel static OCR read(OCR o, POINT p) { return o; }",
                        "    @Parallel static A letter(A a) { return of(a); }",
                        "    static A of(A a) { return a; }"),
                withOther(inPackage("types of another package named like generated or JDK types", "demo", List.of(),
                        "    @Parallel static other.Provider provide(other.Provider p, other.List l) { return p; }",
                        "    @Parallel static other.ProvideArgs args(other.ProvideArgs a) { return a; }")),
                inPackage("a class named like the pool field", "demo", "pool", List.of(),
                        "    @Parallel static int pool(int x) { return x; }",
                        "    @Parallel int task(int state) { return state; }"),
                inPackage("a method named like its class", "demo", "Fib", List.of(),
                        "    @Parallel static long Fib(int n) { return n < 2 ? n : Fib(n - 1) + Fib(n - 2); }"),
                inPackage("methods named like types and packages", "demo", List.of(),
                        "    @Parallel static int List(int x) { return x; }",
                        "    @Parallel static int Objects(int x) { return x; }",
                        "    @Parallel static int java(int x) { return x; }",
                        "    @Parallel static int Codecs(int x) { return x; }",
                        "    @Parallel static int Work(int x) { return x; }",
                        "    @Parallel static int demo(int x, long y) { return x; }",
                        "    @Parallel static int io(String x) { return 1; }",
                        "    @Parallel static int Arrays(int[] x, int y) { return y; }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compilesWithoutWarnings(String description, List<JavaFileObject> sources) {
        Compilation compilation = Compilers.compileStrict(sources.toArray(JavaFileObject[]::new));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compilers.recompileStrict(compilation, sources.toArray(JavaFileObject[]::new)))
                .succeededWithoutWarnings();
    }
}
