package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Seen;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link StateTest} with its pools on two cluster members. */
@OnCluster
class StateOnClusterTest extends StateTest implements ClusterPlacement {
    /** As on child JVMs, but the JVMs are the members, not children of this one. */
    @Override
    @Test
    void initRunsOnTheWorkersThreadWithItsId() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().orderTasks(true))) {
            pool.count().chunkSize(1).map(IntStream.range(0, 4 * workers()).boxed().toList());
            List<Seen> inits = stateful.initsSeen();
            assertEquals(IntStream.range(0, workers()).boxed().toList(),
                    inits.stream().map(Seen::workerId).sorted().toList());
            // each worker's init ran on its own member (one slot each), on the slot's thread there
            assertTrue(inits.stream().noneMatch(Seen::inThisJvm), "ran in the caller: " + inits);
            assertEquals(workers(), inits.stream().map(Seen::pid).distinct().count(), "inits: " + inits);
            assertTrue(inits.stream().allMatch(s -> s.thread().equals("mpire4j-worker-" + s.workerId())),
                    "inits: " + inits);
        }
    }
}
