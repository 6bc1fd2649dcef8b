package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.Insights;
import io.mpire4j.PoolOptions;
import io.mpire4j.TaskTiming;
import io.mpire4j.WorkerInsights;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Insights computed from worker counters filled by hand: the numbers, and the printed table. */
class InsightsTest {
    private static final MethodSpec<Void, Long, Boolean> IS_PRIME = new MethodSpec<>("Primes.isPrime", List.of("n"),
            (state, worker, n) -> n > 1, n -> new Object[] {n}, 0);

    record FitArgs(double[] xs, int degree) {}

    private static final MethodSpec<Void, FitArgs, Double> FIT = new MethodSpec<>("Curves.fit", List.of("xs", "degree"),
            (state, worker, args) -> 0.0, args -> new Object[] {args.xs(), args.degree()}, 1);

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    /** Two workers, 10 s recorded, 8 s of it working: exactly the 80 % threshold. */
    private static List<WorkerStats> twoWorkers() {
        WorkerStats w0 = new WorkerStats(0);
        w0.startUp(ms(100));
        w0.init(ms(200));
        w0.waiting(ms(700));
        w0.working(ms(1500), 2);
        w0.working(ms(2500), 4);
        w0.task(ms(3000), IS_PRIME, 17L);
        w0.task(ms(500), IS_PRIME, 3L);
        w0.task(ms(100), IS_PRIME, 1L);

        WorkerStats w1 = new WorkerStats(1);
        w1.waiting(ms(1000));
        w1.working(ms(4000), 4);
        w1.task(ms(2000), IS_PRIME, 23L);
        w1.task(ms(2500), IS_PRIME, 29L);
        w1.task(ms(50), IS_PRIME, 2L);
        w1.task(ms(600), IS_PRIME, 5L);
        return List.of(w0, w1);
    }

    /** The table's lines with runs of spaces collapsed, so assertions do not depend on column widths. */
    private static List<String> rows(Insights insights) {
        return Arrays.stream(insights.toString().split("\\R"))
                .map(line -> line.trim().replaceAll(" +", " "))
                .collect(Collectors.toList());
    }

    @Test
    void numbersSumOverWorkers() {
        Insights insights = WorkerStats.insights(twoWorkers());

        assertFalse(insights.isEmpty());
        assertEquals(10, insights.tasksCompleted());
        assertEquals(List.of(
                new WorkerInsights(0, 6, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(700),
                        Duration.ofMillis(4000), Duration.ZERO),
                new WorkerInsights(1, 4, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1000),
                        Duration.ofMillis(4000), Duration.ZERO)), insights.workers());
        assertEquals(Duration.ofMillis(100), insights.totalStartUp());
        assertEquals(Duration.ofMillis(200), insights.totalInit());
        assertEquals(Duration.ofMillis(1700), insights.totalWaiting());
        assertEquals(Duration.ofSeconds(8), insights.totalWorking());
        assertEquals(Duration.ZERO, insights.totalExit());
        assertEquals(0.8, insights.workingRatio(), 1e-12);
        assertEquals(Duration.ofSeconds(5), insights.workers().get(0).total());
    }

    @Test
    void retriesAreCountedPerWorkerAndShownInOneLineWithin80Columns() {
        List<WorkerStats> stats = new java.util.ArrayList<>();
        for (int id = 0; id < 40; id++) {
            WorkerStats s = new WorkerStats(id);
            s.working(ms(10), 1);
            for (int r = 0; r < id % 3; r++) {
                s.retried();
            }
            stats.add(s);
        }
        Insights insights = WorkerStats.insights(stats);
        assertEquals(39, insights.retries());
        assertEquals(2, insights.workers().get(2).retries());
        String table = insights.toString();
        String line = table.lines().filter(l -> l.startsWith("Retries: 39 (worker 1: 1, worker 2: 2, ")).findFirst()
                .orElseThrow(() -> new AssertionError(table));
        assertTrue(line.length() <= 80, line);
        assertTrue(table.lines().allMatch(l -> l.length() <= 80), table);
        assertFalse(WorkerStats.insights(twoWorkers()).toString().contains("Retries"), "no line without retries");
    }

    @Test
    void fiveLongestTasksAcrossWorkersLongestFirstWithTheirArguments() {
        Insights insights = WorkerStats.insights(twoWorkers());

        assertEquals(List.of(
                new TaskTiming(0, Duration.ofMillis(3000), "n = 17"),
                new TaskTiming(1, Duration.ofMillis(2500), "n = 29"),
                new TaskTiming(1, Duration.ofMillis(2000), "n = 23"),
                new TaskTiming(1, Duration.ofMillis(600), "n = 5"),
                new TaskTiming(0, Duration.ofMillis(500), "n = 3")), insights.longestTasks());
    }

    @Test
    void longestTaskWithSeveralArgumentsListsEachAsNameEqualsValue() {
        WorkerStats stats = new WorkerStats(2);
        stats.working(ms(10), 1);
        stats.task(ms(10), FIT, new FitArgs(new double[] {1, 2}, 3));
        stats.task(ms(5), FIT, new FitArgs(new double[0], 1));

        assertEquals(List.of(
                new TaskTiming(2, Duration.ofMillis(10), "xs = double[2] [1.0, 2.0], degree = 3"),
                new TaskTiming(2, Duration.ofMillis(5), "xs = double[0] [], degree = 1")),
                WorkerStats.insights(List.of(stats)).longestTasks());
    }

    @Test
    void aWorkerKeepsOnlyItsFiveLongestTasks() {
        WorkerStats stats = new WorkerStats(0);
        long[] millis = {4, 9, 1, 7, 3, 8, 2, 6, 5};
        for (long m : millis) {
            stats.task(ms(m), IS_PRIME, m);
        }

        assertEquals(List.of("n = 9", "n = 8", "n = 7", "n = 6", "n = 5"),
                stats.longest().stream().map(TaskTiming::arguments).toList());
        assertEquals(Duration.ofMillis(9), stats.longest().getFirst().duration());
    }

    @Test
    void tableHasARowPerWorkerATotalRowMeansAndRatios() {
        List<String> rows = rows(WorkerStats.insights(twoWorkers()));

        assertEquals("Worker insights", rows.get(0));
        assertEquals("worker tasks start-up init waiting working exit", rows.get(1));
        assertEquals("0 6 0:00:00.100 0:00:00.200 0:00:00.700 0:00:04.000 0:00:00.000", rows.get(2));
        assertEquals("1 4 0:00:00.000 0:00:00.000 0:00:01.000 0:00:04.000 0:00:00.000", rows.get(3));
        assertEquals("total 10 0:00:00.100 0:00:00.200 0:00:01.700 0:00:08.000 0:00:00.000", rows.get(4));
        assertEquals("mean 5.0 0:00:00.050 0:00:00.100 0:00:00.850 0:00:04.000 0:00:00.000", rows.get(5));
        assertEquals("std 1.0 0:00:00.050 0:00:00.100 0:00:00.150 0:00:00.000 0:00:00.000", rows.get(6));
        assertEquals("ratio 1.0% 2.0% 17.0% 80.0% 0.0%", rows.get(7));
    }

    @Test
    void tableListsTheLongestTasks() {
        List<String> rows = rows(WorkerStats.insights(twoWorkers()));

        int at = rows.indexOf("Longest tasks");
        assertTrue(at > 0, rows.toString());
        assertEquals(List.of(
                "1. 0:00:03.000 on worker 0: n = 17",
                "2. 0:00:02.500 on worker 1: n = 29",
                "3. 0:00:02.000 on worker 1: n = 23",
                "4. 0:00:00.600 on worker 1: n = 5",
                "5. 0:00:00.500 on worker 0: n = 3"), rows.subList(at + 1, rows.size()));
    }

    @Test
    void noEfficiencyWarningAtEightyPercentWorking() {
        assertFalse(WorkerStats.insights(twoWorkers()).toString().contains("Efficiency warning"));
    }

    @Test
    void efficiencyWarningBelowEightyPercentWorking() {
        WorkerStats stats = new WorkerStats(0);
        stats.waiting(ms(2100));
        stats.working(ms(7900), 79);
        Insights insights = WorkerStats.insights(List.of(stats));

        assertEquals(0.79, insights.workingRatio(), 1e-12);
        List<String> rows = rows(insights);
        int at = rows.indexOf("Efficiency warning: workers spent only 79.0% of their time working;");
        assertTrue(at > 0, insights.toString());
        assertEquals("most of the rest went to waiting for tasks. Larger chunks or fewer workers may help.",
                rows.get(at + 1));
    }

    @Test
    void efficiencyWarningAfterAStartUpLossDoesNotSuggestACheaperInit() {
        WorkerStats stats = new WorkerStats(0);
        stats.startUp(ms(900));
        stats.init(ms(10));
        stats.waiting(ms(90));
        stats.working(ms(1000), 10);
        String table = WorkerStats.insights(List.of(stats)).toString();

        assertTrue(table.contains("most of the rest went to start-up. Keep the workers alive across calls"), table);
        assertFalse(table.contains("init may help"), table);
    }

    @Test
    void efficiencyWarningAfterASlowInitSuggestsACheaperInit() {
        WorkerStats stats = new WorkerStats(0);
        stats.startUp(ms(10));
        stats.init(ms(900));
        stats.working(ms(1000), 10);

        assertTrue(WorkerStats.insights(List.of(stats)).toString()
                .contains("most of the rest went to @WorkerInit. A cheaper init or fewer workers may help."));
    }

    @Test
    void everyLineOfTheTableFitsEightyColumns() {
        WorkerStats busy = new WorkerStats(12);
        busy.startUp(Duration.ofHours(12).toNanos());
        busy.init(Duration.ofHours(11).toNanos());
        busy.waiting(Duration.ofHours(10).toNanos());
        busy.working(Duration.ofHours(9).toNanos(), 12_345_678);
        busy.exit(Duration.ofHours(8).toNanos());
        busy.task(ms(3000), IS_PRIME, Long.MAX_VALUE);
        busy.task(ms(2000), FIT, new FitArgs(new double[200], 3));
        String table = WorkerStats.insights(List.of(busy, new WorkerStats(3))).toString();

        for (String line : table.split("\\R")) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        assertTrue(table.contains("Efficiency warning"), table);
        assertTrue(table.contains("worker 12: xs = double[200] [0.0, 0.0"), table);
    }

    @Test
    void tableIsTheSameInEveryLocale() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        String root;
        String german;
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
            root = WorkerStats.insights(twoWorkers()).toString();
            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
            german = WorkerStats.insights(twoWorkers()).toString();
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
        assertEquals(root, german, "a log reads the same wherever it was written");
    }


    @Test
    void emptyInsightsAreEmptyNotNullAndSayHowToEnableThem() {
        Insights empty = Insights.empty();

        assertTrue(empty.isEmpty());
        assertEquals(0, empty.tasksCompleted());
        assertEquals(List.of(), empty.workers());
        assertEquals(List.of(), empty.longestTasks());
        assertEquals(Duration.ZERO, empty.totalWorking());
        assertEquals(0, empty.workingRatio());
        assertEquals("Insights: none recorded (enable them with PoolOptions.enableInsights(true))", empty.toString());
        assertTrue(WorkerStats.insights(List.of()).isEmpty());
    }

    @Test
    void poolWithoutInsightsReturnsEmptyInsights() {
        try (WorkerPool<Void, Void> off = WorkerPool.create(WorkerProgram.<Void, Void>builder("X").build(),
                PoolOptions.defaults().workers(1));
                WorkerPool<Void, Void> unstarted = WorkerPool.create(WorkerProgram.<Void, Void>builder("X").build(),
                        PoolOptions.defaults().workers(1).enableInsights(true))) {
            assertNotNull(off.insights());
            assertTrue(off.insights().isEmpty());
            assertTrue(unstarted.insights().isEmpty(), "no worker started yet");
        }
    }

    @Test
    void insightsAreAnImmutableSnapshot() {
        List<WorkerStats> stats = twoWorkers();
        Insights insights = WorkerStats.insights(stats);
        stats.get(0).working(ms(1000), 100);

        assertEquals(10, insights.tasksCompleted(), "later work does not change a snapshot");
        assertEquals(110, WorkerStats.insights(stats).tasksCompleted());
        assertThrows(UnsupportedOperationException.class, () -> insights.workers().clear());
        assertThrows(UnsupportedOperationException.class, () -> insights.longestTasks().clear());
    }
}
