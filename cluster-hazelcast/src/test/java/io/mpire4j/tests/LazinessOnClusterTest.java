package io.mpire4j.tests;

import io.mpire4j.PoolOptions;
import io.mpire4j.hazelcast.TestCluster;
import java.time.Duration;

/** {@link LazinessTest} with its pools on two cluster members. */
@OnCluster
class LazinessOnClusterTest extends LazinessTest {
    @Override
    PoolOptions options() {
        return super.options().workerKind(TestCluster.Extension.kind());
    }

    @Override
    void noWorkerThreadOrProcessIsLeft() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
        LiveProcesses.assertNoneLeft(Duration.ofSeconds(5));
        TestCluster.Extension.assertNoSlotLeft(Duration.ofSeconds(10));
    }
}
