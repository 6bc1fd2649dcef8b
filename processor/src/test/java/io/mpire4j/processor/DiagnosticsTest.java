package io.mpire4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One negative test per diagnostic: the tagged message, the file, the line and the error count.
 * {@link #everyMessageIsTested()} keeps the catalogue and this class in step.
 */
class DiagnosticsTest {
    private static final Set<Message> TESTED = EnumSet.noneOf(Message.class);

    // --- where the annotated method lives ---

    @Test
    void parallelInInterface() {
        expectError(Message.IN_INTERFACE, "int count(String s);",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public interface Foo {",
                "    @Parallel",
                "    int count(String s);",
                "}");
    }

    @Test
    void staticParallelInInterface() {
        expectError(Message.IN_INTERFACE, "static int count(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public interface Foo {",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void parallelInInnerClass() {
        expectError(Message.INNER_CLASS, "int count(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    public class Inner {",
                "        @Parallel",
                "        int count(String s) { return 0; }",
                "    }",
                "}");
    }

    @Test
    void parallelInLocalClass() {
        expectError(Message.LOCAL_CLASS, "int count(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    void run() {",
                "        class Local {",
                "            @Parallel",
                "            int count(String s) { return 0; }",
                "        }",
                "        new Local();",
                "    }",
                "}");
    }

    @Test
    void parallelInAnonymousClass() {
        expectError(Message.ANONYMOUS_CLASS, "int count(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    Object task = new Object() {",
                "        @Parallel",
                "        int count(String s) { return 0; }",
                "    };",
                "}");
    }

    @Test
    void localClassErrorsComeWithTheOthers() {
        // Reported in the same compilation as the private @Parallel method, not once that is fixed.
        JavaFileObject source = Compilers.source("demo.Foo",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel private static int hidden(String s) { return 0; }",
                "    void run() {",
                "        class Local {",
                "            @Parallel int count(String s) { return 0; }",
                "        }",
                "        new Local();",
                "    }",
                "}");
        Compilation compilation = Compilers.compile(source);
        expect(compilation, source, Message.LOCAL_CLASS, "@Parallel int count(String s)", 2);
        assertThat(compilation).hadErrorContaining("[ParallelPrivate]").inFile(source)
                .onLineContaining("hidden(String s)");
    }

    @Test
    void workerStateInALocalClass() {
        expectError(Message.LOCAL_CLASS, "int count(@WorkerState",
                "package demo;",
                "import io.mpire4j.annotations.WorkerState;",
                "import io.mpire4j.annotations.Parallel;",
                "public class Foo {",
                "    void run() {",
                "        class Local {",
                "            @Parallel int count(@WorkerState Object state, String s) { return 0; }",
                "        }",
                "        new Local();",
                "    }",
                "}");
    }

    @Test
    void workerStateOnALambdaParameter() {
        Compilation compilation = expectError(Message.LAMBDA_WORKER_PARAMETER, "(@WorkerState",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import java.util.function.IntUnaryOperator;",
                "public class Foo {",
                "    IntUnaryOperator twice = (@WorkerState var x) -> 2 * x;",
                "}");
        assertThat(compilation).hadErrorContaining("lambda parameter 'x'");
    }

    @Test
    void parallelInPrivateNestedClass() {
        expectError(Message.CLASS_NOT_ACCESSIBLE, "private static class Hidden",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    private static class Hidden {",
                "        @Parallel",
                "        static int count(String s) { return 0; }",
                "    }",
                "}");
    }

    @Test
    void instanceMethodOfGenericClass() {
        expectError(Message.GENERIC_CLASS_INSTANCE_METHOD, "T first(List<T> items)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import java.util.List;",
                "public class Box<T> {",
                "    @Parallel",
                "    T first(List<T> items) { return items.get(0); }",
                "}");
    }

    @Test
    void lifecycleWithoutParallel() {
        expectError(Message.LIFECYCLE_WITHOUT_PARALLEL, "static String start()",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit",
                "    static String start() { return \"\"; }",
                "}");
    }

    @Test
    void generatedClassAlreadyExists() {
        JavaFileObject taken = Compilers.source("demo.FooParallel",
                "package demo;",
                "public class FooParallel {}");
        JavaFileObject foo = Compilers.source("demo.Foo",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
        Compilation compilation = Compilers.compile(foo, taken);
        expect(compilation, foo, Message.GENERATED_CLASS_EXISTS, "public class Foo {", 1);
        assertThat(compilation).hadErrorContaining("cannot write 'demo.FooParallel' for class 'Foo': the source of "
                + "this compilation declares a type of that name");
    }

    @Test
    void nestedAndTopLevelClassWithTheSameGeneratedName() {
        JavaFileObject outer = Compilers.source("demo.Outer",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Outer {",
                "    public static class Inner {",
                "        @Parallel static int count(String s) { return 0; }",
                "    }",
                "}");
        JavaFileObject flat = Compilers.source("demo.Outer_Inner",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Outer_Inner {",
                "    @Parallel static int count(String s) { return 0; }",
                "}");
        Compilation compilation = Compilers.compile(outer, flat);
        expect(compilation, flat, Message.GENERATED_CLASS_EXISTS, "public class Outer_Inner {", 1);
        assertThat(compilation).hadErrorContaining("class 'Outer.Inner' generates a class of that name too");
    }

    // --- the annotated method ---

    @Test
    void twoMethodAnnotations() {
        expectError(Message.CONFLICTING_ANNOTATIONS, "static int count(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel @WorkerInit",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void privateParallel() {
        Compilation compilation = expectError(Message.PARALLEL_PRIVATE, "private static int count(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    private static int count(String s) { return 0; }",
                "}");
        assertThat(compilation).hadErrorContaining(
                "[ParallelPrivate] @Parallel method 'count' must not be private; make it package-private or public.");
    }

    @Test
    void abstractParallel() {
        expectError(Message.PARALLEL_ABSTRACT, "abstract int count(String s);",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public abstract class Foo {",
                "    @Parallel",
                "    abstract int count(String s);",
                "}");
    }

    @Test
    void privateWorkerInit() {
        expectError(Message.LIFECYCLE_PRIVATE, "private static String start()",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit",
                "    private static String start() { return \"\"; }",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void privateWorkerExit() {
        expectError(Message.LIFECYCLE_PRIVATE, "private static void stop()",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "    @WorkerExit",
                "    private static void stop() {}",
                "}");
    }

    @Test
    void abstractWorkerInit() {
        expectError(Message.LIFECYCLE_ABSTRACT, "abstract String start();",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public abstract class Foo {",
                "    @WorkerInit",
                "    abstract String start();",
                "    @Parallel",
                "    int count(String s) { return 0; }",
                "}");
    }

    @Test
    void genericParallelMethod() {
        expectError(Message.GENERIC_METHOD, "static <T> T first(java.util.List<T> items)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static <T> T first(java.util.List<T> items) { return items.get(0); }",
                "}");
    }

    @Test
    void twoWorkerInits() {
        expectError(Message.DUPLICATE_WORKER_INIT, "static String second()",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit",
                "    static String first() { return \"\"; }",
                "    @WorkerInit",
                "    static String second() { return \"\"; }",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void twoWorkerExits() {
        expectError(Message.DUPLICATE_WORKER_EXIT, "static void second()",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerExit",
                "    static void first() {}",
                "    @WorkerExit",
                "    static void second() {}",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void overloadedParallel() {
        expectError(Message.OVERLOADED_PARALLEL, "static int count(String s, int limit)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "    @Parallel",
                "    static int count(String s, int limit) { return 0; }",
                "}");
    }

    @Test
    void reservedNames() {
        for (String name : List.of("create", "close", "terminate", "stopAndJoin", "exitResults", "insights",
                "program", "hashCode", "wait")) {
            JavaFileObject source = Compilers.source("demo.Foo",
                    "package demo;",
                    "import io.mpire4j.annotations.*;",
                    "public class Foo {",
                    "    @Parallel",
                    "    static int " + name + "(long s) { return 0; }",
                    "}");
            expect(Compilers.compile(source), source, Message.RESERVED_NAME, "static int " + name + "(", 1);
        }
    }

    @Test
    void asyncNameClash() {
        expectError(Message.NAME_CLASH, "static int countAsync(String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int countAsync(String s) { return 0; }",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void argsClassNameClash() {
        expectError(Message.NAME_CLASH, "static int Fit(String s, int b)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int fit(String s, int b) { return 0; }",
                "    @Parallel",
                "    static int Fit(String s, int b) { return 0; }",
                "}");
    }

    @Test
    void typeNeverResolved() {
        JavaFileObject source = Compilers.source("demo.Foo",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(Missing m) { return 0; }",
                "}");
        Compilation compilation = Compilers.compile(source);
        // javac reports it once processing is over; the processor adds nothing to that.
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                .onLineContaining("static int count(Missing m)");
    }

    @Test
    void inaccessibleParameterType() {
        expectError(Message.INACCESSIBLE_TYPE, "static int count(Secret s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    private static final class Secret {}",
                "    @Parallel",
                "    static int count(Secret s) { return 0; }",
                "}");
    }

    @Test
    void inaccessibleReturnType() {
        expectError(Message.INACCESSIBLE_TYPE, "static java.util.List<Secret> all(int n)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    private static final class Secret {}",
                "    @Parallel",
                "    static java.util.List<Secret> all(int n) { return null; }",
                "}");
    }

    // --- parameters ---

    @Test
    void workerStateOnPlainMethod() {
        expectError(Message.ORPHAN_WORKER_PARAMETER, "static int helper(@WorkerState String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    static int helper(@WorkerState String s) { return 0; }",
                "}");
    }

    @Test
    void workerIdOnConstructor() {
        expectError(Message.ORPHAN_WORKER_PARAMETER, "Foo(@WorkerId int id)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    Foo(@WorkerId int id) {}",
                "    @Parallel",
                "    static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void stateAndIdOnOneParameter() {
        expectError(Message.STATE_AND_ID, "static int count(@WorkerState @WorkerId int s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit static int start() { return 1; }",
                "    @Parallel",
                "    static int count(@WorkerState @WorkerId int s) { return 0; }",
                "}");
    }

    @Test
    void stateWithoutInit() {
        expectError(Message.STATE_WITHOUT_INIT, "static int count(@WorkerState StringBuilder b, String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(@WorkerState StringBuilder b, String s) { return 0; }",
                "}");
    }

    @Test
    void stateWithVoidInit() {
        expectError(Message.STATE_WITH_VOID_INIT, "static int count(@WorkerState StringBuilder b, String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit static void start() {}",
                "    @Parallel",
                "    static int count(@WorkerState StringBuilder b, String s) { return 0; }",
                "}");
    }

    @Test
    void stateTypeMismatch() {
        expectError(Message.STATE_TYPE_MISMATCH, "static int count(@WorkerState StringBuilder b, String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit static CharSequence start() { return \"\"; }",
                "    @Parallel",
                "    static int count(@WorkerState StringBuilder b, String s) { return 0; }",
                "}");
    }

    @Test
    void stateTypeMismatchOnExit() {
        expectError(Message.STATE_TYPE_MISMATCH, "static void stop(@WorkerState Long total)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit static int start() { return 0; }",
                "    @Parallel static int count(String s) { return 0; }",
                "    @WorkerExit",
                "    static void stop(@WorkerState Long total) {}",
                "}");
    }

    @Test
    void twoStateParameters() {
        expectError(Message.DUPLICATE_STATE, "@WorkerState CharSequence second",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit static String start() { return \"\"; }",
                "    @Parallel",
                "    static int count(@WorkerState String first,",
                "            @WorkerState CharSequence second) { return 0; }",
                "}");
    }

    @Test
    void twoWorkerIdParameters() {
        expectError(Message.DUPLICATE_WORKER_ID, "@WorkerId int again",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(@WorkerId int id,",
                "            @WorkerId int again, String s) { return 0; }",
                "}");
    }

    @Test
    void stateOnWorkerInit() {
        expectError(Message.STATE_ON_INIT, "static String start(@WorkerState String previous)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit",
                "    static String start(@WorkerState String previous) { return \"\"; }",
                "    @Parallel static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void taskParameterOnWorkerInit() {
        expectError(Message.TASK_PARAMETER_ON_LIFECYCLE, "static String start(String seed)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @WorkerInit",
                "    static String start(String seed) { return seed; }",
                "    @Parallel static int count(String s) { return 0; }",
                "}");
    }

    @Test
    void taskParameterOnWorkerExit() {
        expectError(Message.TASK_PARAMETER_ON_LIFECYCLE, "static void stop(String reason)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel static int count(String s) { return 0; }",
                "    @WorkerExit",
                "    static void stop(String reason) {}",
                "}");
    }

    @Test
    void workerIdNotInt() {
        expectError(Message.WORKER_ID_NOT_INT, "static int count(@WorkerId long id, String s)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel",
                "    static int count(@WorkerId long id, String s) { return 0; }",
                "}");
    }

    @Test
    void reservedAccessorName() {
        // Each would be an accessor of CountArgs clashing with a no-argument method of Object.
        for (String name : List.of("hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone",
                "finalize")) {
            JavaFileObject source = Compilers.source("demo.Foo",
                    "package demo;",
                    "import io.mpire4j.annotations.*;",
                    "public class Foo {",
                    "    @Parallel",
                    "    static int count(String s, long " + name + ") { return 0; }",
                    "}");
            Compilation compilation = Compilers.compile(source);
            expect(compilation, source, Message.RESERVED_COMPONENT_NAME, "long " + name + ")", 1);
            assertThat(compilation).hadErrorContaining("parameter '" + name + "' of @Parallel method 'count' "
                    + "would give the generated class 'CountArgs' an accessor '" + name + "()', which clashes with "
                    + "Object." + name + "(); rename the parameter.");
        }
    }

    // --- all problems of a class at once ---

    @Test
    void reportsEveryProblemOfAClass() {
        JavaFileObject source = Compilers.source("demo.Foo",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel private static int one(String s) { return 0; }",
                "    @Parallel static int two(@WorkerId long id) { return 0; }",
                "    @Parallel static int create(String s) { return 0; }",
                "}");
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = Compiler.javac().withProcessors(processor).compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(3);
        assertWithMessage("generated files").that(processor.created()).isEmpty();
        assertThat(compilation).hadErrorContaining("[ParallelPrivate]").inFile(source).onLineContaining("int one(");
        assertThat(compilation).hadErrorContaining("[WorkerIdNotInt]").inFile(source).onLineContaining("int two(");
        assertThat(compilation).hadErrorContaining("[ReservedName]").inFile(source).onLineContaining("int create(");
    }

    @Test
    void oneBrokenClassDoesNotStopAnother() {
        JavaFileObject broken = Compilers.source("demo.Broken",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Broken {",
                "    @Parallel private static int one(String s) { return 0; }",
                "}");
        JavaFileObject fine = Compilers.source("demo.Fine",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Fine {",
                "    @Parallel static int one(String s) { return 0; }",
                "}");
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = Compiler.javac().withProcessors(processor).compile(broken, fine);
        expect(compilation, broken, Message.PARALLEL_PRIVATE, "int one(", 1);
        assertWithMessage("generated files").that(processor.created()).containsExactly("demo.FineParallel");
    }

    @Test
    void aCrashBecomesAnErrorOnTheClassWithTheStackTrace() {
        JavaFileObject source = Compilers.source("demo.Foo",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel static int count(String s) { return 0; }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new RecordingProcessor(true)).compile(source);
        expect(compilation, source, Message.PROCESSOR_ERROR, "public class Foo {", 1);
        assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: simulated crash creating "
                + "demo.FooParallel");
        assertThat(compilation).hadErrorContaining("at io.mpire4j.processor.ParallelRounds");
    }

    @Test
    void aServicesFileWrittenByAnotherProcessorIsReported() {
        JavaFileObject source = Compilers.source("demo.Foo",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel static int count(String s) { return 0; }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new ParallelProcessor(), new FirstRoundProcessor(filer -> filer.createResource(StandardLocation.CLASS_OUTPUT, "", ServicesFile.PATH).openWriter(),
                        "other.Provider\n"))
                .compile(source);
        expect(compilation, source, Message.SERVICES_FILE, "public class Foo {", 1);
        assertThat(compilation).hadErrorContaining("cannot write '" + ServicesFile.PATH + "'");
    }

    @Test
    void tooManyTaskParametersForTheGeneratedInstanceMethods() {
        // 255 int parameters are legal on a static method, but not on the generated instance methods.
        String parameters = java.util.stream.IntStream.range(0, 255).mapToObj(i -> "int p" + i)
                .collect(java.util.stream.Collectors.joining(", "));
        Compilation compilation = expectError(Message.TOO_MANY_PARAMETERS, "static int wide(",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Foo {",
                "    @Parallel static int wide(" + parameters + ") { return 0; }",
                "    @Parallel static int narrow(@WorkerId int id, long a, double b) { return 0; }",
                "}");
        assertThat(compilation).hadErrorContaining("task parameters taking 255 slots");
        assertThat(compilation).hadErrorContaining("at most 254");
    }

    @Test
    void parallelInACompactSourceFile() {
        if (Runtime.version().feature() < 25) {
            TESTED.add(Message.IMPLICIT_CLASS); // compact source files are a preview before Java 25
            org.junit.jupiter.api.Assumptions.abort("compact source files need Java 25");
        }
        JavaFileObject source = Compilers.source("Squares",
                "import io.mpire4j.annotations.*;",
                "",
                "@Parallel static int square(int x) { return x * x; }",
                "",
                "void main() { IO.println(square(3)); }");
        Compilation compilation = Compilers.compile(source);
        expect(compilation, source, Message.IMPLICIT_CLASS, "static int square(int x)", 1);
        assertThat(compilation).hadErrorContaining("'Squares.java'");
    }

    @Test
    void workerStateOnARecordComponent() {
        Compilation compilation = expectError(Message.RECORD_COMPONENT_WORKER_PARAMETER, "int count",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public record Rec(String name,",
                "        @WorkerState int count) {",
                "    @Parallel static int one(String s) { return 1; }",
                "}");
        assertThat(compilation).hadErrorContaining("record component 'count' of record 'Rec'");
    }

    @Test
    void argsClassHidingADefaultPackageType() {
        JavaFileObject type = Compilers.source("PointArgs",
                "public record PointArgs(int x) implements java.io.Serializable {}");
        JavaFileObject work = Compilers.source("Work",
                "import io.mpire4j.annotations.*;",
                "public class Work {",
                "    @Parallel static PointArgs point(int x, int y) { return new PointArgs(x); }",
                "    @Parallel static int sum(int a, int b) { return a + b; }",
                "}");
        Compilation compilation = Compilers.compile(type, work);
        expect(compilation, work, Message.ARGS_CLASS_HIDES_TYPE, "static PointArgs point(int x, int y)", 1);
        assertThat(compilation).hadErrorContaining("nested class 'PointArgs'");
    }

    // --- warnings: values that cannot cross to a child JVM ---

    @Test
    void mapOfAPlainMutableClassAsResultWarnsOnTheMethod() {
        Compilation compilation = expectWarning(Message.CROSSING, "static Map<String, Stats> aggregate(",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import java.util.Map;",
                "public class Brc {",
                "    public static final class Stats { double min; double max; }",
                "    @Parallel",
                "    static Map<String, Stats> aggregate(String line) { return Map.of(); }",
                "}");
        assertThat(compilation).hadWarningContaining("[mpire4j.crossing] type 'demo.Brc.Stats' in the result of "
                + "@Parallel method 'aggregate' (declared as 'java.util.Map<java.lang.String,demo.Brc.Stats>')");
        assertThat(compilation).hadWarningContaining("implement java.io.Serializable");
        assertThat(compilation).hadWarningContaining("@SuppressWarnings(\"mpire4j.crossing\")");
    }

    @Test
    void aTaskParameterInsideARecordWarnsOnTheParameter() {
        expectWarning(Message.CROSSING, "static int count(Job job,",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Jobs {",
                "    public static final class Handle {}",
                "    public record Job(String name, Handle handle) {}",
                "    @Parallel",
                "    static int count(Job job,",
                "            int times) { return times; }",
                "}");
    }

    @Test
    void anElementOfASerializedCollectionMustBeSerializableToo() {
        Compilation compilation = expectWarning(Message.CROSSING, "static int size(java.util.ArrayList<Plain> plains)",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Bag {",
                "    public static final class Plain {}",
                "    @Parallel",
                "    static int size(java.util.ArrayList<Plain> plains) { return plains.size(); }",
                "}");
        assertThat(compilation).hadWarningContaining("type 'demo.Bag.Plain' in parameter 'plains'");
    }

    @Test
    void exitResultAndSharedReceiverWarnOnTheirElements() {
        JavaFileObject source = Compilers.source("demo.Shared",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Shared {",
                "    public static final class Tally {}",
                "    @Parallel",
                "    int size(String s) { return s.length(); }",
                "    @WorkerExit",
                "    static Tally done() { return new Tally(); }",
                "}");
        Compilation compilation = Compilers.compile(source);
        assertThat(compilation).succeeded();
        assertWithMessage("warnings:\n%s", Compilers.describe(compilation, Diagnostic.Kind.WARNING))
                .that(crossingWarnings(compilation)).hasSize(2);
        assertThat(compilation).hadWarningContaining("the result of @WorkerExit method 'done'")
                .inFile(source).onLineContaining("static Tally done()");
        assertThat(compilation).hadWarningContaining("type 'demo.Shared' in the shared receiver")
                .inFile(source).onLineContaining("public class Shared {");
    }

    @Test
    void typesThatCrossAndSuppressedOnesCompileWithoutWarnings() {
        JavaFileObject source = Compilers.source("demo.Fine",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import java.io.Serializable;",
                "import java.nio.file.Path;",
                "import java.util.*;",
                "public class Fine {",
                "    public record Stats(double min, double max, long count) {}",
                "    public static final class Box implements Serializable {",
                "        private static final long serialVersionUID = 1L;",
                "    }",
                "    public static final class Plain {}",
                "    public enum Kind { A, B }",
                "    public record Node(String name, List<Node> children) implements Serializable {}",
                "    @Parallel",
                "    static Map<String, Stats> stats(Path file, Kind kind, Optional<int[]> extra) { return Map.of(); }",
                "    @Parallel",
                "    static List<Box> boxes(Set<Node> nodes, Object anything, CharSequence text) { return List.of(); }",
                "    @Parallel",
                "    static ArrayList<Box> more(TreeMap<String, Box[]> boxes, Comparable<Plain> maybe) { return null; }",
                "    @SuppressWarnings(\"mpire4j.crossing\")",
                "    @Parallel",
                "    static Plain threadsOnly(Plain plain) { return plain; }",
                "    @Parallel",
                "    static int alsoThreadsOnly(@SuppressWarnings(\"mpire4j.crossing\") Plain plain) { return 0; }",
                "}");
        Compilation compilation = Compilers.compileStrictWithCrossing(source);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aSuppressionOnTheClassCoversEveryElement() {
        JavaFileObject source = Compilers.source("demo.Local",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "@SuppressWarnings(\"mpire4j.crossing\")",
                "public class Local {",
                "    public static final class Plain {}",
                "    @Parallel",
                "    Plain same(Plain plain) { return plain; }",
                "}");
        assertThat(Compilers.compileStrictWithCrossing(source)).succeededWithoutWarnings();
    }

    @Test
    void theProcessorOptionTurnsTheCheckOffOrNamesABadValue() {
        String[] lines = {
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public class Plain {",
                "    @Parallel",
                "    int size(String s) { return s.length(); }",
                "}"};
        assertThat(Compiler.javac().withProcessors(new ParallelProcessor())
                .withOptions("-Xlint:all", "-Werror", "-Ampire4j.crossing=off")
                .compile(Compilers.source("demo.Plain", lines))).succeededWithoutWarnings();
        assertThat(Compiler.javac().withProcessors(new ParallelProcessor())
                .withOptions("-Ampire4j.crossing=warn")
                .compile(Compilers.source("demo.Plain", lines))).hadWarningContaining("[mpire4j.crossing]");
        TESTED.add(Message.BAD_OPTION);
        Compilation bad = Compiler.javac().withProcessors(new ParallelProcessor())
                .withOptions("-Ampire4j.crossing=quiet").compile(Compilers.source("demo.Plain", lines));
        assertThat(bad).failed();
        assertThat(bad).hadErrorContaining(
                "[BadOption] processor option -Ampire4j.crossing=quiet is not one of: warn, off");
    }

    private static Compilation expectWarning(Message message, String lineContaining, String... lines) {
        TESTED.add(message);
        JavaFileObject source = Compilers.source("demo." + className(lines), lines);
        Compilation compilation = Compilers.compile(source);
        assertThat(compilation).succeeded();
        assertWithMessage("warnings:\n%s", Compilers.describe(compilation, Diagnostic.Kind.WARNING))
                .that(crossingWarnings(compilation)).hasSize(1);
        assertThat(compilation).hadWarningContaining("[" + message.tag() + "] ")
                .inFile(source)
                .onLineContaining(lineContaining);
        return compilation;
    }

    private static List<Diagnostic<? extends JavaFileObject>> crossingWarnings(Compilation compilation) {
        return compilation.warnings().stream()
                .filter(d -> d.getMessage(null).startsWith("[" + Message.CROSSING.tag() + "]")).toList();
    }

    @AfterAll
    static void everyMessageIsTested() {
        Set<Message> untested = EnumSet.allOf(Message.class);
        untested.removeAll(TESTED);
        assertWithMessage("messages without a negative test").that(untested).isEmpty();
    }

    private static Compilation expectError(Message message, String lineContaining, String... lines) {
        JavaFileObject source = Compilers.source("demo." + className(lines), lines);
        Compilation compilation = Compilers.compile(source);
        expect(compilation, source, message, lineContaining, 1);
        return compilation;
    }

    private static void expect(Compilation compilation, JavaFileObject source, Message message,
            String lineContaining, int errorCount) {
        TESTED.add(message);
        assertThat(compilation).failed();
        assertWithMessage("errors:\n%s", Compilers.describe(compilation, Diagnostic.Kind.ERROR))
                .that(errorsOf(compilation)).hasSize(errorCount);
        assertThat(compilation).hadErrorContaining("[" + message.tag() + "] ")
                .inFile(source)
                .onLineContaining(lineContaining);
    }

    private static List<Diagnostic<? extends JavaFileObject>> errorsOf(Compilation compilation) {
        return new ArrayList<>(compilation.errors());
    }

    /** The public class declared by {@code lines}. */
    private static String className(String... lines) {
        for (String line : lines) {
            String[] words = line.trim().split("[ {<(]+");
            for (int i = 0; i + 1 < words.length; i++) {
                if ((words[i].equals("class") || words[i].equals("interface") || words[i].equals("record"))
                        && line.startsWith("public")) {
                    return words[i + 1];
                }
            }
        }
        throw new IllegalArgumentException("no public class");
    }
}
