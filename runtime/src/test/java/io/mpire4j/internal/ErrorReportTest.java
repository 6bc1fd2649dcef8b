package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerExitException;
import io.mpire4j.WorkerInitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The text of failure messages: what a log line shows about a failed task, init or exit. */
class ErrorReportTest {
    private static final String NL = System.lineSeparator();

    private static TaskFailure failure(String method, int worker, long index, List<String> names, Object... args) {
        return new TaskFailure(method, worker, index, names, args);
    }

    @Test
    void oneArgumentMessageNamesMethodWorkerIndexArgumentAndCause() {
        IllegalArgumentException cause = new IllegalArgumentException("negative");
        TaskFailedException e = ErrorReport.taskFailed(failure("Primes.isPrime", 1, 17, List.of("n"), -5L), cause);

        assertEquals("Primes.isPrime failed on worker 1 (task index 17)" + NL
                + "    n = -5" + NL
                + "  cause: java.lang.IllegalArgumentException: negative", e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals("Primes.isPrime", e.method());
        assertEquals(1, e.workerId());
        assertEquals(17, e.taskIndex());
        assertEquals(List.of("n"), e.parameterNames());
        assertEquals(List.of(-5L), e.arguments());
    }

    @Test
    void multiArgumentMessageListsEveryArgumentInParameterOrder() {
        TaskFailure failure = failure("Curves.fit", 0, 3, List.of("xs", "degree", "label", "weights"),
                new double[] {1.5, 2.5}, 2, "quadratic", null);
        TaskFailedException e = ErrorReport.taskFailed(failure, new ArithmeticException("singular matrix"));

        assertEquals("Curves.fit failed on worker 0 (task index 3)" + NL
                + "    xs = double[2] [1.5, 2.5]" + NL
                + "    degree = 2" + NL
                + "    label = \"quadratic\"" + NL
                + "    weights = null" + NL
                + "  cause: java.lang.ArithmeticException: singular matrix", e.getMessage());
        assertEquals(Arrays.asList(failure.arguments()), e.arguments(), "null arguments are kept");
    }

    @Test
    void singleApplyHasNoTaskIndexInTheMessage() {
        TaskFailedException e = ErrorReport.taskFailed(failure("Primes.isPrime", 0, -1, List.of("n"), 3L),
                new IllegalStateException());

        assertEquals("Primes.isPrime failed on worker 0" + NL
                + "    n = 3" + NL
                + "  cause: java.lang.IllegalStateException", e.getMessage());
        assertEquals(-1, e.taskIndex());
    }

    @Test
    void argumentsWithoutANameAreNumbered() {
        TaskFailedException e = ErrorReport.taskFailed(failure("Job.run", 2, 0, List.of("a"), 1, 2), null);

        assertEquals("Job.run failed on worker 2 (task index 0)" + NL + "    a = 1" + NL + "    arg1 = 2",
                e.getMessage());
    }

    @Test
    void timeoutMessageNamesTheLimitAndHasNoCause() {
        TaskTimeoutException e = ErrorReport.timedOut(failure("Primes.isPrime", 2, 4, List.of("n"), 7L),
                Duration.ofMillis(500));

        assertEquals("Primes.isPrime timed out after 500 ms on worker 2 (task index 4)" + NL + "    n = 7",
                e.getMessage());
        assertNull(e.getCause());
        assertEquals(Duration.ofMillis(500), e.timeout());
        assertInstanceOf(TaskFailedException.class, e);
    }

    @Test
    void timeoutOfSingleApplyOmitsTheTaskIndex() {
        TaskTimeoutException e = ErrorReport.timedOut(failure("Primes.isPrime", 0, -1, List.of("n"), 7L),
                Duration.ofSeconds(2));

        assertEquals("Primes.isPrime timed out after 2 s on worker 0" + NL + "    n = 7", e.getMessage());
    }

    @Test
    void stringsAreQuotedAndCutPast120Characters() {
        String exactly120 = "a".repeat(120);
        assertEquals("\"" + exactly120 + "\"", ErrorReport.describe(exactly120));
        assertEquals("\"" + "b".repeat(120) + "\"… (121 chars)", ErrorReport.describe("b".repeat(121)));
        assertEquals("\"" + "c".repeat(120) + "\"… (5000 chars)", ErrorReport.describe("c".repeat(5000)));
        assertEquals("\"\"", ErrorReport.describe(""));
        assertEquals("\"sb\"", ErrorReport.describe(new StringBuilder("sb")));
    }

    @Test
    void stringsWithLineBreaksStayOnOneLine() {
        assertEquals("\"first\\nsecond\\r\\tthird\"", ErrorReport.describe("first\nsecond\r\tthird"));

        TaskFailedException e = ErrorReport.taskFailed(
                failure("Docs.add", 0, 9, List.of("document"), "line one\nline two"), null);
        assertEquals(2, e.getMessage().split("\\R").length, e.getMessage());
    }

    @Test
    void otherValuesUseToStringCutPast120Characters() {
        Object wordy = new Object() {
            @Override
            public String toString() {
                return "w".repeat(300);
            }
        };
        assertEquals("w".repeat(120) + "… (300 chars)", ErrorReport.describe(wordy));
        assertEquals("42", ErrorReport.describe(42));
        assertEquals("PT1S", ErrorReport.describe(Duration.ofSeconds(1)));
        assertEquals("null", ErrorReport.describe(null));
    }

    @Test
    void arraysAreSummarisedWithTypeSizeAndFirstElements() {
        double[] thousand = IntStream.range(0, 1000).asDoubleStream().toArray();
        assertEquals("double[1000] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, …]", ErrorReport.describe(thousand));
        assertEquals("int[8] [1, 2, 3, 4, 5, 6, 7, 8]", ErrorReport.describe(new int[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertEquals("int[0] []", ErrorReport.describe(new int[0]));
        assertEquals("String[2] [\"a\", null]", ErrorReport.describe(new String[] {"a", null}));
        assertEquals("String[1] [\"" + "z".repeat(39) + "…]", ErrorReport.describe(new String[] {"z".repeat(60)}),
                "elements are cut at 40 characters");
    }

    @Test
    void nestedArraysShowTheirSizeNotAnIdentityHash() {
        float[][] image = new float[512][256];
        assertEquals("float[512][] [float[256], float[256], float[256], float[256], float[256], float[256], "
                + "float[256], float[256], …]", ErrorReport.describe(image));
        assertEquals("Object[1] [int[2]]", ErrorReport.describe(new Object[] {new int[] {1, 2}}));
        assertEquals("int[1][][] [int[0][]]", ErrorReport.describe(new int[][][] {new int[0][]}));
        assertEquals("ArrayList(size=1) [long[3]]", ErrorReport.describe(new ArrayList<>(List.of(new long[3]))));
    }

    @Test
    void collectionsAreSummarisedWithTypeSizeAndFirstElements() {
        assertEquals("ArrayList(size=3) [1, 2, 3]", ErrorReport.describe(new ArrayList<>(List.of(1, 2, 3))));
        assertEquals("ArrayList(size=10) [0, 1, 2, 3, 4, 5, 6, 7, …]",
                ErrorReport.describe(new ArrayList<>(IntStream.range(0, 10).boxed().toList())));
        assertEquals("ArrayList(size=0) []", ErrorReport.describe(new ArrayList<>()));
        assertEquals("TreeMap(size=2) {a=1, b=2}", ErrorReport.describe(new TreeMap<>(Map.of("a", 1, "b", 2))));
        assertEquals("HashMap(size=0) {}", ErrorReport.describe(new HashMap<>()));
    }

    @Test
    void collectionsOfHiddenJdkClassesAreNamedByTheirInterface() {
        assertEquals("List(size=2) [\"a\", \"b\"]", ErrorReport.describe(List.of("a", "b")));
        assertEquals("List(size=3) [1, 2, 3]", ErrorReport.describe(List.of(1, 2, 3)));
        assertEquals("List(size=2) [1, 2]", ErrorReport.describe(Arrays.asList(1, 2)));
        assertEquals("Set(size=1) [1]", ErrorReport.describe(Set.of(1)));
        assertEquals("Map(size=1) {k=v}", ErrorReport.describe(Map.of("k", "v")));
    }

    private static final class Hostile {
        @Override
        public String toString() {
            throw new IllegalStateException("no toString for you");
        }
    }

    @Test
    void aValueWhoseToStringThrowsIsNamedByItsClass() {
        assertEquals("io.mpire4j.internal.ErrorReportTest$Hostile (toString() threw IllegalStateException)",
                ErrorReport.describe(new Hostile()));

        TaskFailedException e = ErrorReport.taskFailed(failure("Job.run", 0, 1, List.of("x", "y"), new Hostile(), 5),
                new RuntimeException("boom"));
        assertEquals("Job.run failed on worker 0 (task index 1)" + NL
                + "    x = io.mpire4j.internal.ErrorReportTest$Hostile (toString() threw IllegalStateException)" + NL
                + "    y = 5" + NL
                + "  cause: java.lang.RuntimeException: boom", e.getMessage());
    }

    @Test
    void workerInitFailureNamesWorkerAndMethod() {
        IllegalStateException cause = new IllegalStateException("no database");
        WorkerInitException e = ErrorReport.initFailed("PrefixCount.start", 3, "failed", cause);

        assertEquals("@WorkerInit PrefixCount.start failed on worker 3: java.lang.IllegalStateException: no database",
                e.getMessage());
        assertEquals("PrefixCount.start", e.method());
        assertEquals(3, e.workerId());
        assertSame(cause, e.getCause());

        assertEquals("@WorkerInit PrefixCount.start did not finish within PT30S on worker 0",
                ErrorReport.initFailed("PrefixCount.start", 0, "did not finish within PT30S", null).getMessage());
    }

    @Test
    void workerExitFailureNamesWorkerAndMethod() {
        WorkerExitException e = ErrorReport.exitFailed("PrefixCount.popular", 1, "failed", new ArithmeticException());

        assertEquals("@WorkerExit PrefixCount.popular failed on worker 1: java.lang.ArithmeticException",
                e.getMessage());
        assertEquals("PrefixCount.popular", e.method());
        assertEquals(1, e.workerId());
        assertEquals("@WorkerExit PrefixCount.popular did not finish within PT1S on worker 2",
                ErrorReport.exitFailed("PrefixCount.popular", 2, "did not finish within PT1S", null).getMessage());
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("250 ms", ErrorReport.duration(Duration.ofMillis(250)));
        assertEquals("0.500 ms", ErrorReport.duration(Duration.ofNanos(500_000)));
        assertEquals("2 s", ErrorReport.duration(Duration.ofSeconds(2)));
        assertEquals("1.5 s", ErrorReport.duration(Duration.ofMillis(1500)));
        assertEquals("1.25 s", ErrorReport.duration(Duration.ofMillis(1250)));
        assertEquals("2 min", ErrorReport.duration(Duration.ofMinutes(2)));
        assertEquals("2 min 5 s", ErrorReport.duration(Duration.ofSeconds(125)));
    }
}
