package io.mpire4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.mpire4j.internal.Codec;
import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.internal.ProgramProvider;
import io.mpire4j.TaskFailedException;
import io.mpire4j.internal.WorkerPool;
import io.mpire4j.internal.WorkerProgram;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles real user code with the processor, loads it with the generated classes, and runs it on
 * the runtime. Each case has a {@code Driver implements Callable<Object>} written as a user would
 * write it against the generated class; the test checks what it returns.
 */
class BehaviourTest {

    private static final JavaFileObject PRIMES = Compilers.source("demo.Primes",
            "package demo;",
            "import io.mpire4j.annotations.Parallel;",
            "public final class Primes {",
            "    @Parallel",
            "    static boolean isPrime(long n) {",
            "        if (n < 2) return false;",
            "        for (long d = 2; d * d <= n; d++) if (n % d == 0) return false;",
            "        return true;",
            "    }",
            "}");

    @Test
    void mapReturnsEveryResultInInputOrder() throws Exception {
        Object result = run("demo.Driver", PRIMES, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.List;",
                "import java.util.stream.LongStream;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        List<Long> numbers = LongStream.rangeClosed(1, 200).boxed().toList();",
                "        try (PrimesParallel pool = PrimesParallel.create(PoolOptions.defaults().workers(4))) {",
                "            return pool.isPrime().chunkSize(3).map(numbers);",
                "        }",
                "    }",
                "}"));
        List<Boolean> expected = LongStream.rangeClosed(1, 200).mapToObj(BehaviourTest::isPrime).toList();
        assertThat(result).isEqualTo(expected);
    }

    @Test
    void applyAndApplyAsyncRunOneTask() throws Exception {
        Object result = run("demo.Driver", PRIMES, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (PrimesParallel pool = PrimesParallel.create(PoolOptions.defaults().workers(2))) {",
                "            boolean one = pool.isPrime(1_000_003L);",
                "            boolean two = pool.isPrimeAsync(1_000_004L).join();",
                "            boolean three = pool.isPrime().apply(7L);",
                "            return List.of(one, two, three);",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(true, false, true));
    }

    @Test
    void multiArgumentMethodsTakeTheirArgsClass() throws Exception {
        JavaFileObject fit = Compilers.source("demo.Fit",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "public final class Fit {",
                "    @Parallel",
                "    static double weighted(double[] xs, int degree) {",
                "        double sum = 0;",
                "        for (double x : xs) sum += Math.pow(x, degree);",
                "        return sum;",
                "    }",
                "}");
        Object result = run("demo.Driver", fit, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (FitParallel pool = FitParallel.create(PoolOptions.defaults().workers(3))) {",
                "            List<FitParallel.WeightedArgs> tasks = new ArrayList<>();",
                "            for (int d = 0; d < 5; d++) tasks.add(new FitParallel.WeightedArgs(new double[] {1, 2}, d));",
                "            List<Object> out = new ArrayList<>(pool.weighted().map(tasks));",
                "            out.add(pool.weighted(new double[] {3}, 2));",
                "            out.add(new FitParallel.WeightedArgs(new double[] {1}, 1)",
                "                    .equals(new FitParallel.WeightedArgs(new double[] {1}, 1)));",
                "            out.add(new FitParallel.WeightedArgs(new double[] {1, 2}, 3).toString());",
                "            return out;",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(2.0, 3.0, 5.0, 9.0, 17.0, 9.0, true, "WeightedArgs[xs=[1.0, 2.0], degree=3]"));
    }

    @Test
    void argsClassesAreValuesLikeRecords() throws Exception {
        JavaFileObject mix = Compilers.source("demo.Mix",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "public final class Mix {",
                "    @Parallel",
                "    static int size(double d, float f, String label, int[] counts, String[][] grid) { return 0; }",
                "}");
        Object result = run("demo.Driver", mix, Compilers.source("demo.Driver",
                "package demo;",
                "import demo.MixParallel.SizeArgs;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        SizeArgs a = new SizeArgs(Double.NaN, 1f, \"x\", new int[] {1, 2}, new String[][] {{\"p\"}, {}});",
                "        SizeArgs b = new SizeArgs(Double.NaN, 1f, \"x\", new int[] {1, 2}, new String[][] {{\"p\"}, {}});",
                "        SizeArgs zero = new SizeArgs(0.0, 0f, null, null, null);",
                "        SizeArgs negativeZero = new SizeArgs(-0.0, 0f, null, null, null);",
                "        SizeArgs negativeZeroFloat = new SizeArgs(0.0, -0f, null, null, null);",
                "        return List.of(",
                "                a.equals(b), a.hashCode() == b.hashCode(), a.equals(a), a.equals(null), a.equals(\"x\"),",
                "                zero.equals(new SizeArgs(0.0, 0f, null, null, null)),",
                "                zero.hashCode() == new SizeArgs(0.0, 0f, null, null, null).hashCode(),",
                "                zero.equals(negativeZero), zero.equals(negativeZeroFloat),",
                "                a.equals(new SizeArgs(Double.NaN, 1f, \"x\", new int[] {1, 3}, new String[][] {{\"p\"}, {}})),",
                "                a.equals(new SizeArgs(Double.NaN, 1f, \"x\", new int[] {1, 2}, new String[][] {{\"q\"}, {}})),",
                "                a.equals(new SizeArgs(Double.NaN, 1f, \"y\", new int[] {1, 2}, new String[][] {{\"p\"}, {}})),",
                "                a.counts() == a.counts(), a.label(),",
                "                a.toString(), zero.toString());",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(
                true, true, true, false, false,
                true, true,
                false, false,
                false, false, false,
                true, "x",
                "SizeArgs[d=NaN, f=1.0, label=x, counts=[1, 2], grid=[[p], []]]",
                "SizeArgs[d=0.0, f=0.0, label=null, counts=null, grid=null]"));
    }

    @Test
    void stateLivesPerWorkerFromInitToExit() throws Exception {
        JavaFileObject tally = Compilers.source("demo.Tally",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "public final class Tally {",
                "    static final class Seen {",
                "        final int worker;",
                "        final List<String> documents = new ArrayList<>();",
                "        Seen(int worker) { this.worker = worker; }",
                "    }",
                "    @WorkerInit static Seen start(@WorkerId int id) { return new Seen(id); }",
                "    @Parallel static void add(@WorkerState Seen seen, @WorkerId int id, String document) {",
                "        if (seen.worker != id) throw new IllegalStateException(\"state of worker \" + seen.worker",
                "                + \" given to worker \" + id);",
                "        seen.documents.add(document);",
                "    }",
                "    @WorkerExit static int stop(@WorkerState Seen seen) { return seen.documents.size(); }",
                "}");
        Object result = run("demo.Driver", tally, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        List<String> documents = new ArrayList<>();",
                "        for (int i = 0; i < 100; i++) documents.add(\"doc\" + i);",
                "        try (TallyParallel pool = TallyParallel.create(PoolOptions.defaults().workers(4))) {",
                "            pool.add().chunkSize(5).forEach(documents);",
                "            pool.stopAndJoin();",
                "            List<Integer> exits = pool.exitResults();",
                "            int total = 0;",
                "            for (int n : exits) total += n;",
                "            return List.of(total, exits.size() >= 1 && exits.size() <= 4);",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(100, true));
    }

    @Test
    void instanceMethodsRunOnTheSharedObject() throws Exception {
        JavaFileObject scaler = Compilers.source("demo.Scaler",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "public final class Scaler {",
                "    private final int factor;",
                "    public Scaler(int factor) { this.factor = factor; }",
                "    @Parallel int scale(int x) { return x * factor; }",
                "}");
        Object result = run("demo.Driver", scaler, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (ScalerParallel pool = ScalerParallel.create(new Scaler(3), PoolOptions.defaults().workers(2))) {",
                "            return pool.scale().map(List.of(1, 2, 3, 4));",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(3, 6, 9, 12));
    }

    @Test
    void callsBindToTheAnnotatedOverloadOnly() throws Exception {
        // Each annotated method has a plain overload that a boxed argument would pick instead.
        JavaFileObject twice = Compilers.source("demo.Twice",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Twice {",
                "    private final int factor;",
                "    public Twice(int factor) { this.factor = factor; }",
                "    @WorkerInit static int start(@WorkerId int id) { return 100; }",
                "    static int start(Object id) { return -1; }",
                "    @Parallel static int twice(int x) { return 2 * x; }",
                "    static int twice(Object o) { return -1; }",
                "    @Parallel static int plus(@WorkerState int base, int x) { return base + x; }",
                "    static int plus(Integer base, int x) { return -1; }",
                "    @Parallel static String name(@WorkerState Number base) { return \"number\"; }",
                "    static String name(Integer base) { return \"integer\"; }",
                "    @Parallel long scale(long x) { return factor * x; }",
                "    long scale(Object o) { return -1; }",
                "    @WorkerExit static int stop(@WorkerState int base) { return base; }",
                "    static int stop(Object base) { return -1; }",
                "}");
        Object result = run("demo.Driver", twice, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (TwiceParallel pool = TwiceParallel.create(new Twice(3), PoolOptions.defaults().workers(1))) {",
                "            List<Object> out = List.of(pool.twice(21), pool.twice().map(List.of(1, 2)), pool.plus(1),",
                "                    pool.name().apply(null), pool.scale(5L), pool.scaleAsync(6L).join());",
                "            pool.stopAndJoin();",
                "            return List.of(out, pool.exitResults());",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(List.of(42, List.of(2, 4), 101, "number", 15L, 18L), List.of(100)));
    }

    @Test
    void varargsDirectCallsAcceptWhatTheDeclarationAccepts() throws Exception {
        JavaFileObject var = Compilers.source("demo.Var",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "import java.util.List;",
                "public final class Var {",
                "    @Parallel static int sum(int... xs) { int s = 0; for (int x : xs) s += x; return s; }",
                "    @Parallel static int deep(int[]... rows) { int s = 0; for (int[] r : rows) s += r.length; return s; }",
                "    @Parallel static String join(String sep, String... parts) { return String.join(sep, parts); }",
                "    @SafeVarargs @Parallel static int count(List<String>... lists) { return lists.length; }",
                "    @Parallel static int wild(List<?>... lists) { return lists.length; }",
                "}");
        Object result = run("demo.Driver", var, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (VarParallel pool = VarParallel.create(PoolOptions.defaults().workers(2))) {",
                // pool.sum() with no arguments is the handle, which has that signature; sumAsync() is not.
                "            return List.of(pool.sum(1, 2, 3), pool.sumAsync().join(), pool.sum(new int[] {4, 5}),",
                "                    pool.sumAsync(6, 7).join(), pool.deep(new int[] {1, 2}, new int[] {3}),",
                "                    pool.deep(new int[0][]),",
                "                    pool.join(\"-\", \"a\", \"b\"), pool.joinAsync(\"-\").join(),",
                "                    pool.count(List.of(\"a\"), List.of()), pool.countAsync().join(),",
                "                    pool.wild(List.of(1), List.of(\"x\")));",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(6, 0, 9, 13, 3, 0, "a-b", "", 2, 0, 2));
    }

    @Test
    void zeroArgumentMethodsRunOncePerNullTask() throws Exception {
        JavaFileObject dice = Compilers.source("demo.Dice",
                "package demo;",
                "import io.mpire4j.annotations.*;",
                "public final class Dice {",
                "    @Parallel static int worker(@WorkerId int id) { return id; }",
                "}");
        Object result = run("demo.Driver", dice, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.Collections;",
                "import java.util.List;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (DiceParallel pool = DiceParallel.create(PoolOptions.defaults().workers(2))) {",
                "            List<Integer> ids = pool.worker().map(Collections.nCopies(10, null));",
                "            int async = pool.workerAsync().join();",
                "            return ids.size() == 10 && ids.stream().allMatch(i -> i >= 0 && i < 2) && async >= 0 && async < 2;",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(true);
    }

    @Test
    void aThrowingTaskFailsWithItsArguments() throws Exception {
        JavaFileObject checks = Compilers.source("demo.Checks",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "public final class Checks {",
                "    @Parallel static int check(int value, String label) {",
                "        if (value < 0) throw new IllegalArgumentException(\"negative \" + label);",
                "        return value;",
                "    }",
                "}");
        Object result = run("demo.Driver", checks, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import io.mpire4j.TaskFailedException;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (ChecksParallel pool = ChecksParallel.create(PoolOptions.defaults().workers(2))) {",
                "            try {",
                "                pool.check(-5, \"apples\");",
                "                return \"no failure\";",
                "            } catch (TaskFailedException e) {",
                "                return e;",
                "            }",
                "        }",
                "    }",
                "}"));
        assertThat(result).isInstanceOf(TaskFailedException.class);
        TaskFailedException failure = (TaskFailedException) result;
        assertThat(failure).hasMessageThat().contains("check");
        assertThat(failure).hasMessageThat().contains("value = -5");
        assertThat(failure).hasMessageThat().containsMatch("label = \"?apples");
        assertThat(failure).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
        assertThat(failure).hasCauseThat().hasMessageThat().isEqualTo("negative apples");
        assertThat(failure.arguments()).containsExactly(-5, "apples").inOrder();
    }

    @Test
    void aThrowingTaskFailsItsFuture() throws Exception {
        JavaFileObject checks = Compilers.source("demo.Boom",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "public final class Boom {",
                "    @Parallel static void explode(String why) throws java.io.IOException {",
                "        throw new java.io.IOException(why);",
                "    }",
                "}");
        Object result = run("demo.Driver", checks, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.concurrent.CompletionException;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        try (BoomParallel pool = BoomParallel.create(PoolOptions.defaults().workers(1))) {",
                "            try {",
                "                pool.explodeAsync(\"disk full\").join();",
                "                return \"no failure\";",
                "            } catch (CompletionException e) {",
                "                return e.getCause();",
                "            }",
                "        }",
                "    }",
                "}"));
        assertThat(result).isInstanceOf(TaskFailedException.class);
        assertThat((Throwable) result).hasMessageThat().containsMatch("why = \"?disk full");
        assertThat((Throwable) result).hasCauseThat().isInstanceOf(java.io.IOException.class);
    }

    // --- what child JVMs use: the providers, the programs and the codecs ---

    @Test
    void providersFoundByServiceLoaderRebuildWorkingPrograms() throws Exception {
        JavaFileObject scaler = Compilers.source("demo.Scaler",
                "package demo;",
                "import io.mpire4j.annotations.Parallel;",
                "public record Scaler(int factor) {",
                "    @Parallel int scale(int x) { return x * factor; }",
                "    @Parallel static String label(String name, int n) { return name + n; }",
                "}");
        Compilation compilation = Compilers.compileStrict(PRIMES, scaler);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClassLoader loader = new CompiledClassLoader(compilation);
        Map<String, ProgramProvider> providers = new HashMap<>();
        for (ProgramProvider provider : ServiceLoader.load(ProgramProvider.class, loader)) {
            providers.put(provider.name(), provider);
        }
        assertThat(providers.keySet()).containsExactly("demo.PrimesParallel", "demo.ScalerParallel");

        WorkerProgram<?, ?> primes = providers.get("demo.PrimesParallel").program(input(new byte[0]));
        try (WorkerPool<?, ?> pool = WorkerPool.create(primes, PoolOptions.defaults().workers(2))) {
            ParallelMethod<Long, Boolean> isPrime = pool.method(0);
            List<Long> numbers = LongStream.rangeClosed(1, 50).boxed().toList();
            assertThat(isPrime.map(numbers)).isEqualTo(numbers.stream().map(BehaviourTest::isPrime).toList());
            assertThat(isPrime.apply(7L)).isTrue();
        }

        // The receiver crosses with the generated record codec, as the parent writes it.
        Object shared = loader.loadClass("demo.Scaler").getConstructor(int.class).newInstance(3);
        byte[] receiver = write(codecs(loader.loadClass("demo.ScalerParallel")).get("SCALER"), shared);
        WorkerProgram<?, ?> scaled = providers.get("demo.ScalerParallel").program(input(receiver));
        try (WorkerPool<?, ?> pool = WorkerPool.create(scaled, PoolOptions.defaults().workers(2))) {
            ParallelMethod<Integer, Integer> scale = pool.method(0);
            assertThat(scale.map(List.of(1, 2, 3))).containsExactly(3, 6, 9).inOrder();
            ParallelMethod<Object, String> label = pool.method(1);
            Object args = loader.loadClass("demo.ScalerParallel$LabelArgs")
                    .getConstructor(String.class, int.class).newInstance("n", 4);
            assertThat(label.apply(args)).isEqualTo("n4");
        }
    }

    @Test
    void everyGeneratedCodecRoundTrips() throws Exception {
        JavaFileObject samples = Compilers.source("demo.Samples",
                "package demo;",
                "import demo.Shapes.*;",
                "import java.util.*;",
                "import other.Box;",
                "/** One value per codec constant of ShapesParallel, by the constant's name. */",
                "public final class Samples implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        Point p = new Point(1, -2);",
                "        Polygon polygon = new Polygon(\"tri\", Color.GREEN, List.of(p, new Point(3, 4)),",
                "                Map.of(\"a\", Set.of(Color.RED, Color.BLUE), \"b\", Set.of()), 7L, 'x', null);",
                "        Map<String, Object> m = new LinkedHashMap<>();",
                "        m.put(\"SHAPES\", new Shapes(2.0));",
                "        m.put(\"COLOR\", Color.BLUE);",
                "        m.put(\"POINT\", p);",
                "        m.put(\"LIST_OF_POINT\", Arrays.asList(p, null));",
                "        m.put(\"SET_OF_COLOR\", EnumSet.of(Color.RED, Color.BLUE));",
                "        m.put(\"MAP_OF_STRING_TO_SET_OF_COLOR\", Map.of(\"a\", Set.of(Color.GREEN), \"b\", Set.of()));",
                "        m.put(\"POLYGON\", polygon);",
                "        m.put(\"LIST_OF_POLYGON\", List.of(polygon, polygon));",
                "        m.put(\"BY_COLOR_ARGS\", new ShapesParallel.ByColorArgs(List.of(polygon), Set.of(Color.RED)));",
                "        m.put(\"MAP_OF_COLOR_TO_LIST_OF_POINT\", Map.of(Color.RED, List.of(p), Color.BLUE, List.of()));",
                "        m.put(\"POINT_ARRAY\", new Point[] {p, null});",
                "        m.put(\"POINT_ARRAY_ARRAY\", new Point[][] {{p}, {}, null});",
                "        m.put(\"PAIR_OF_STRING_AND_INTEGER\", new Pair<>(\"one\", 1));",
                "        m.put(\"PAIR_OF_STRING_AND_POINT\", new Pair<>(\"p\", p));",
                "        m.put(\"NODE\", new Node(1, List.of(new Node(2, List.of()))));",
                "        m.put(\"LEGACY\", new Legacy(p));",
                "        m.put(\"EMPTY\", new Empty());",
                "        m.put(\"LEGACY_ARGS\", new ShapesParallel.LegacyArgs(new Legacy(p), new Empty()));",
                "        m.put(\"LIST_OF_COLOR\", List.of(Color.RED, Color.RED));",
                "        m.put(\"SET_OF_LIST_OF_COLOR\", Set.of(List.of(Color.RED, Color.BLUE), List.of()));",
                "        m.put(\"MAP_OF_STRING_TO_DOUBLE\", Map.of(\"pi\", 3.14, \"nan\", Double.NaN));",
                "        m.put(\"LIST_OF_MAP_OF_STRING_TO_DOUBLE\", List.of(Map.of(\"e\", 2.71)));",
                "        m.put(\"LIST_OF_LIST_OF_MAP_OF_STRING_TO_DOUBLE\", List.of(List.of(Map.of(\"z\", -0.0))));",
                "        m.put(\"COLOR_ARRAY\", new Color[] {Color.BLUE, Color.RED});",
                "        m.put(\"ARRAY_LIST_OF_POINT\", new ArrayList<>(List.of(p)));",
                "        m.put(\"BOX\", Box.of(5));",
                "        return m;",
                "    }",
                "}");
        Compilation compilation = Compilers.compileStrict(GenerationTest.CODEC_SINK, GenerationTest.BOX, samples);
        assertThat(compilation).succeededWithoutWarnings();
        // Serialized codecs resolve classes as in a child JVM only if the runtime sees the user's classes.
        CompiledClassLoader loader = CompiledClassLoader.withOwnRuntime(compilation);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) loader.newInstance("demo.Samples", Callable.class).call();
        ReflectiveCodecs codecs = new ReflectiveCodecs(loader.loadClass("demo.ShapesParallel"));
        assertThat(codecs.names()).containsExactlyElementsIn(values.keySet());

        for (String name : codecs.names()) {
            Object value = values.get(name);
            assertWithMessage("%s of null", name).that(codecs.read(name, codecs.write(name, null))).isNull();
            switch (name) {
                // The receiver is not Serializable: sending it to a child JVM fails, naming it.
                case "SHAPES" -> assertThat(assertThrows(NotSerializableException.class, () -> codecs.write(name, value)))
                        .hasMessageThat().contains("demo.Shapes");
                // A record whose component the generated package cannot name is serialized; the
                // component's class is allowed as a field of the declared type, so it reads back
                // (the default case).
                default -> assertWithMessage(name).that(codecs.read(name, codecs.write(name, value))).isEqualTo(value);
            }
        }
    }

    private static final JavaFileObject LOOKUP = Compilers.source("demo.Lookup",
            "package demo;",
            "import io.mpire4j.annotations.Parallel;",
            "import java.util.*;",
            "public final class Lookup {",
            "    @Parallel static boolean inSet(Set<String> words, String word) { return words.contains(word); }",
            "    @Parallel static boolean inTree(TreeSet<String> words, String word) { return words.contains(word); }",
            "    @Parallel static boolean inSorted(SortedSet<String> words, String word) { return words.contains(word); }",
            "    @Parallel static boolean inNavigable(NavigableSet<String> words, String word) {",
            "        return words.contains(word);",
            "    }",
            "    @Parallel static Integer inMap(Map<String, Integer> counts, String word) { return counts.get(word); }",
            "    @Parallel static Integer inTreeMap(TreeMap<String, Integer> counts, String word) {",
            "        return counts.get(word);",
            "    }",
            "    @Parallel static Integer inSortedMap(SortedMap<String, Integer> counts, String word) {",
            "        return counts.get(word);",
            "    }",
            "    @Parallel static Integer inNavigableMap(NavigableMap<String, Integer> counts, String word) {",
            "        return counts.get(word);",
            "    }",
            "}");

    /** Case-insensitive and reversed sets and maps, by the name of the codec constant that carries them. */
    private static final JavaFileObject SORTED_SAMPLES = Compilers.source("demo.SortedSamples",
            "package demo;",
            "import java.util.*;",
            "public final class SortedSamples implements java.util.concurrent.Callable<Object> {",
            "    @Override public Object call() {",
            "        TreeSet<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);",
            "        words.addAll(List.of(\"apple\", \"Pear\"));",
            "        TreeMap<String, Integer> counts = new TreeMap<>(Comparator.reverseOrder());",
            "        counts.put(\"apple\", 1);",
            "        counts.put(\"pear\", 2);",
            "        TreeMap<String, Integer> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);",
            "        insensitive.putAll(counts);",
            "        return Map.of(\"SET_OF_STRING\", words, \"TREE_SET_OF_STRING\", words,",
            "                \"SORTED_SET_OF_STRING\", words, \"NAVIGABLE_SET_OF_STRING\", new TreeSet<>(List.of(\"b\", \"a\")),",
            "                \"MAP_OF_STRING_TO_INTEGER\", insensitive, \"TREE_MAP_OF_STRING_AND_INTEGER\", counts,",
            "                \"SORTED_MAP_OF_STRING_AND_INTEGER\", insensitive, \"NAVIGABLE_MAP_OF_STRING_AND_INTEGER\", counts);",
            "    }",
            "}");

    @Test
    void sortedCollectionsAnswerLookupsAsOnThreads() throws Exception {
        Object result = run("demo.Driver", LOOKUP, Compilers.source("demo.Driver",
                "package demo;",
                "import io.mpire4j.PoolOptions;",
                "import java.util.*;",
                "public final class Driver implements java.util.concurrent.Callable<Object> {",
                "    @Override public Object call() {",
                "        TreeSet<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);",
                "        words.add(\"apple\");",
                "        TreeMap<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);",
                "        counts.put(\"apple\", 1);",
                "        try (LookupParallel pool = LookupParallel.create(PoolOptions.defaults().workers(2))) {",
                "            return List.of(pool.inSet(words, \"APPLE\"), pool.inTree(words, \"APPLE\"),",
                "                    pool.inSorted(words, \"APPLE\"), pool.inNavigable(words, \"APPLE\"),",
                "                    pool.inMap(counts, \"APPLE\"), pool.inTreeMap(counts, \"APPLE\"),",
                "                    pool.inSortedMap(counts, \"APPLE\"), pool.inNavigableMap(counts, \"APPLE\"));",
                "        }",
                "    }",
                "}"));
        assertThat(result).isEqualTo(List.of(true, true, true, true, 1, 1, 1, 1));
    }

    @Test
    void sortedCollectionsCrossToChildJvmsWithTheirComparator() throws Exception {
        Compilation compilation = Compilers.compileStrict(LOOKUP, SORTED_SAMPLES);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClassLoader loader = CompiledClassLoader.withOwnRuntime(compilation);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) loader.newInstance("demo.SortedSamples", Callable.class).call();
        ReflectiveCodecs codecs = new ReflectiveCodecs(loader.loadClass("demo.LookupParallel"));
        assertThat(codecs.names()).containsAtLeastElementsIn(values.keySet());
        for (Map.Entry<String, Object> sample : values.entrySet()) {
            String name = sample.getKey();
            Object sent = sample.getValue();
            Object received = codecs.read(name, codecs.write(name, sent));
            assertWithMessage(name).that(received.getClass()).isEqualTo(sent.getClass());
            if (sent instanceof java.util.SortedSet<?> set) {
                java.util.SortedSet<?> back = (java.util.SortedSet<?>) received;
                assertWithMessage(name).that(back.comparator()).isEqualTo(set.comparator());
                assertWithMessage(name).that(List.copyOf(back)).isEqualTo(List.copyOf(set));
                assertWithMessage(name).that(back.contains("APPLE")).isEqualTo(set.contains("APPLE"));
            } else {
                java.util.SortedMap<?, ?> map = (java.util.SortedMap<?, ?>) sent;
                java.util.SortedMap<?, ?> back = (java.util.SortedMap<?, ?>) received;
                assertWithMessage(name).that(back.comparator()).isEqualTo(map.comparator());
                assertWithMessage(name).that(List.copyOf(back.entrySet())).isEqualTo(List.copyOf(map.entrySet()));
                assertWithMessage(name).that(back.get("APPLE")).isEqualTo(map.get("APPLE"));
            }
        }
    }

    /** The codec constants of a generated class, by name. */
    private static Map<String, Codec<Object>> codecs(Class<?> generated) throws IllegalAccessException {
        Map<String, Codec<Object>> codecs = new TreeMap<>();
        for (Field field : generated.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Codec.class) {
                field.setAccessible(true);
                @SuppressWarnings("unchecked")
                Codec<Object> codec = (Codec<Object>) field.get(null);
                codecs.put(field.getName(), codec);
            }
        }
        return codecs;
    }

    private static byte[] write(Codec<Object> codec, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(out, value);
        }
        return bytes.toByteArray();
    }

    /**
     * The codec constants of a generated class whose runtime is its own class loader's (see
     * {@link CompiledClassLoader#withOwnRuntime}), called by reflection.
     */
    private static final class ReflectiveCodecs {
        private final Map<String, Object> codecs = new TreeMap<>();
        private final Method write;
        private final Method read;

        ReflectiveCodecs(Class<?> generated) throws ReflectiveOperationException {
            Class<?> codec = generated.getClassLoader().loadClass(Codec.class.getName());
            write = codec.getMethod("write", DataOutput.class, Object.class);
            read = codec.getMethod("read", DataInput.class);
            for (Field field : generated.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == codec) {
                    field.setAccessible(true);
                    codecs.put(field.getName(), field.get(null));
                }
            }
        }

        Set<String> names() {
            return codecs.keySet();
        }

        byte[] write(String name, Object value) throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                invoke(write, name, out, value);
            }
            return bytes.toByteArray();
        }

        Object read(String name, byte[] bytes) throws Exception {
            DataInputStream in = input(bytes);
            Object value = invoke(read, name, in);
            assertWithMessage("bytes left after reading %s", name).that(in.available()).isEqualTo(0);
            return value;
        }

        private Object invoke(Method method, String name, Object... arguments) throws Exception {
            try {
                return method.invoke(codecs.get(name), arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static Object run(String driver, JavaFileObject... sources) throws Exception {
        Compilation compilation = Compilers.compileStrict(sources);
        assertThat(compilation).succeededWithoutWarnings();
        @SuppressWarnings("unchecked")
        Callable<Object> callable = new CompiledClassLoader(compilation).newInstance(driver, Callable.class);
        return callable.call();
    }

    private static boolean isPrime(long n) {
        return n >= 2 && IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0);
    }
}
