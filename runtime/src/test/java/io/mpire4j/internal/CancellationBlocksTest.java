package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A thread worker looks at cancellation every few tasks ({@link ThreadWorker#nextBlock}): before
 * every task when tasks are slow, at most {@value ThreadWorker#MAX_BLOCK} tasks apart when they are
 * quick. A failure elsewhere therefore stops another worker's quick tasks within one such block.
 */
class CancellationBlocksTest {

    @Test
    void blocksGrowWhileTasksAreQuickAndFallBackToOneTaskOnASlowBlock() {
        int block = 1;
        for (int i = 0; i < 20; i++) {
            block = ThreadWorker.nextBlock(block, 1_000);
        }
        assertEquals(ThreadWorker.MAX_BLOCK, block);
        assertEquals(1, ThreadWorker.nextBlock(block, ThreadWorker.QUICK_BLOCK_NANOS));
        assertEquals(2, ThreadWorker.nextBlock(1, ThreadWorker.QUICK_BLOCK_NANOS - 1));
        assertEquals(1, ThreadWorker.nextBlock(1, 5_000_000_000L), "a slow task: look before the next one");
    }

    @Test
    void aFailureStopsAnotherWorkersQuickTasksWithinOneBlock() throws Exception {
        int perWorker = 200_000; // about a microsecond each: the other worker would run for 0.2 s
        AtomicInteger ranBySecond = new AtomicInteger();
        AtomicInteger startedAfterTheCallFailed = new AtomicInteger();
        AtomicBoolean callFailed = new AtomicBoolean();
        CountDownLatch secondIsUnderWay = new CountDownLatch(1);
        WorkerProgram<Void, Void> program = WorkerProgram.<Void, Void>builder("CancellationBlocks")
                .task("work", List.of("n"), (Void s, int id, Integer n) -> {
                    if (n == 0) { // the first worker's first task fails once the other is well under way
                        assertTrue(secondIsUnderWay.await(30, TimeUnit.SECONDS), "the second worker never ran");
                        throw new IllegalStateException("task 0 fails");
                    }
                    if (callFailed.get()) {
                        startedAfterTheCallFailed.incrementAndGet();
                    }
                    if (ranBySecond.incrementAndGet() == 10 * ThreadWorker.MAX_BLOCK) {
                        secondIsUnderWay.countDown();
                    }
                    long until = System.nanoTime() + 1_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return n;
                }, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
                .build();
        WorkerPool<Void, Void> pool = WorkerPool.create(program, PoolOptions.defaults().workers(2));
        try {
            // chunks of 1,000: within each, the worker without task 0 looks at most every MAX_BLOCK tasks
            ParallelMethod<Integer, Integer> work = pool.<Integer, Integer>method(0).chunkSize(1_000);
            List<Integer> tasks = IntStream.range(0, 2 * perWorker).boxed().toList();
            TaskFailedException failed = assertThrows(TaskFailedException.class, () -> work.map(tasks));
            callFailed.set(true); // the call is over: the second worker must stop within its block
            assertEquals("task 0 fails", failed.getCause().getMessage());
        } finally {
            pool.close(); // waits for the second worker to leave its chunk
        }
        assertTrue(startedAfterTheCallFailed.get() <= ThreadWorker.MAX_BLOCK,
                startedAfterTheCallFailed + " tasks started after the call had failed; at most one block ("
                        + ThreadWorker.MAX_BLOCK + ") was expected");
        assertTrue(ranBySecond.get() < 2 * perWorker - 1, "the other worker ran every task: " + ranBySecond);
    }
}
