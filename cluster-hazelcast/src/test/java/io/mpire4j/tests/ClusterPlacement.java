package io.mpire4j.tests;

import io.mpire4j.hazelcast.TestCluster;
import io.mpire4j.spi.WorkerKind;
import java.time.Duration;

/**
 * The contract classes' pools on the shared test cluster: on its worker kind, and with no slot left
 * busy on its members after a test. Each {@code *OnClusterTest} implements it.
 */
interface ClusterPlacement extends Placement {
    @Override
    default WorkerKind workerKind() {
        return TestCluster.Extension.kind();
    }

    @Override
    default void assertNothingLeftThere() {
        TestCluster.Extension.assertNoSlotLeft(Duration.ofSeconds(10));
    }
}
