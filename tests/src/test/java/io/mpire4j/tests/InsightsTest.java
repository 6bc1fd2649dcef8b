package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.Insights;
import io.mpire4j.TaskTiming;
import io.mpire4j.WorkerInsights;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.SleeperParallel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** With enableInsights(true) the pool counts tasks and time per worker and keeps the longest tasks. */
@EveryWorkerKind
class InsightsTest extends PoolContract {

    @Test
    void insightsCountTasksWorkingTimeAndTheLongestTasks() {
        // Naps of 25, 50, …, 200 ms: their sum is a lower bound of working time, and the five
        // longest are known.
        List<Long> naps = LongStream.rangeClosed(1, 8).map(i -> 25 * i).boxed().toList();
        try (var pool = SleeperParallel.create(options().enableInsights(true))) {
            pool.nap().chunkSize(1).forEach(naps);
            Insights insights = pool.insights();
            assertFalse(insights.isEmpty());
            assertEquals(8, insights.tasksCompleted());
            assertEquals(workers(), insights.workers().size());
            assertEquals(IntStream.range(0, workers()).boxed().toList(),
                    insights.workers().stream().map(WorkerInsights::workerId).toList());
            assertEquals(8, insights.workers().stream().mapToLong(WorkerInsights::tasksCompleted).sum());
            Duration slept = Duration.ofMillis(naps.stream().mapToLong(Long::longValue).sum());
            assertTrue(insights.totalWorking().compareTo(slept) >= 0,
                    "working " + insights.totalWorking() + " < slept " + slept);

            List<TaskTiming> longest = insights.longestTasks();
            // the five longest naps (as a set: a nap may oversleep past the next longer one)
            assertEquals(Set.of("millis = 200", "millis = 175", "millis = 150", "millis = 125", "millis = 100"),
                    Set.copyOf(longest.stream().map(TaskTiming::arguments).toList()));
            assertEquals(5, longest.size());
            for (int i = 1; i < longest.size(); i++) {
                assertTrue(longest.get(i - 1).duration().compareTo(longest.get(i).duration()) >= 0,
                        "longest tasks are not longest first: " + longest);
            }
            for (TaskTiming t : longest) {
                long millis = Long.parseLong(t.arguments().substring("millis = ".length()));
                assertTrue(t.duration().compareTo(Duration.ofMillis(millis)) >= 0, t + " shorter than its nap");
            }
            assertContains(insights.toString(), "millis = 200");
        }
    }

    @Test
    void insightsAccumulateWhileWorkersLiveAndResetWithFreshWorkers() {
        try (var pool = NumbersParallel.create(options().enableInsights(true))) {
            List<Integer> inputs = IntStream.range(0, 100).boxed().toList();
            pool.square().map(inputs);
            pool.square().map(inputs);
            assertEquals(200, pool.insights().tasksCompleted());
            pool.stopAndJoin();
            pool.square().map(inputs.subList(0, 50));
            assertEquals(50, pool.insights().tasksCompleted());
        }
    }

    @Test
    void withoutKeepAliveInsightsDescribeTheLastCall() {
        try (var pool = NumbersParallel.create(options().keepAlive(false).enableInsights(true))) {
            pool.square().map(IntStream.range(0, 100).boxed().toList());
            pool.square().map(IntStream.range(0, 30).boxed().toList());
            assertEquals(30, pool.insights().tasksCompleted());
        }
    }

    @Test
    void insightsAreEmptyButNotNullWhenDisabled() {
        try (var pool = NumbersParallel.create(options())) {
            pool.square().map(List.of(1, 2, 3));
            Insights insights = pool.insights();
            assertNotNull(insights);
            assertTrue(insights.isEmpty());
            assertEquals(0, insights.tasksCompleted());
            assertEquals(List.of(), insights.workers());
            assertEquals(List.of(), insights.longestTasks());
            assertNotNull(insights.toString());
        }
    }

    @Test
    void insightsAreEmptyBeforeAnyWorkerStarted() {
        try (var pool = NumbersParallel.create(options().enableInsights(true))) {
            assertTrue(pool.insights().isEmpty());
        }
    }
}
