package io.mpire4j.tests;

import io.mpire4j.PoolOptions;
import io.mpire4j.hazelcast.TestCluster;
import java.time.Duration;

/** {@link NoThreadLeakTest} with its pools on two cluster members. */
@OnCluster
class NoThreadLeakOnClusterTest extends NoThreadLeakTest {
    @Override
    PoolOptions options() {
        return super.options().workerKind(TestCluster.Extension.kind());
    }

    /**
     * A slot on a member is a thread there, not a child JVM of this one: its timeouts interrupt
     * and then abandon it, as for thread workers, and no child process is ever started.
     */
    @Override
    boolean processes() {
        return false;
    }

    @Override
    void noWorkerThreadOrProcessIsLeft() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
        LiveProcesses.assertNoneLeft(Duration.ofSeconds(5));
        TestCluster.Extension.assertNoSlotLeft(Duration.ofSeconds(10));
    }
}
