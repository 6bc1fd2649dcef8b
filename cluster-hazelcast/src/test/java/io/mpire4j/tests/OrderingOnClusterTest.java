package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Seen;
import org.junit.jupiter.api.Test;

/** {@link OrderingTest} with its pools on two cluster members. */
@OnCluster
class OrderingOnClusterTest extends OrderingTest implements ClusterPlacement {
    /** As on child JVMs, but the JVM that runs the task is a member, not a child of this one. */
    @Override
    @Test
    void applyRunsOneTaskOnAWorker() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEquals(41, pool.run(41));
            assertEquals(7, pool.run().apply(7));
            Seen seen = scripted.seen(41).orElseThrow();
            assertFalse(seen.inThisJvm(), "ran in the caller: " + seen);
            assertTrue(seen.thread().startsWith("mpire4j-worker-"), seen.toString());
            pool.consume(5);
            assertEquals(3, scripted.finished());
            assertFalse(scripted.seen(5).orElseThrow().commonPool());
        }
    }
}
