package io.mpire4j.internal;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Run by {@link ProcessWorkersTest} as a separate parent JVM: starts a two-worker process pool,
 * prints {@code PIDS <pid> <pid>} and blocks until it is killed.
 */
public final class ParentDeathMain {
    private ParentDeathMain() {}

    public static void main(String[] args) throws InterruptedException {
        WorkerPool<int[], Integer> pool = WorkerPool.create(ChildFixture.program(""),
                PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES).orderTasks(true));
        List<Long> pids = pool.<Integer, Long>method(ChildFixture.PID).chunkSize(1).map(List.of(0, 1));
        System.out.println("PIDS " + pids.get(0) + " " + pids.get(1));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
