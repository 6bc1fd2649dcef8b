package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Overloads;
import io.mpire4j.tests.fixtures.OverloadsParallel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated calls reach the annotated overload on every worker kind, never a plain one next to it. */
@EveryWorkerKind
class OverloadTest extends PoolContract {

    @Test
    void everyCallBindsToTheAnnotatedOverload() {
        try (var pool = OverloadsParallel.create(new Overloads(3), options())) {
            assertEquals(42, pool.twice(21));
            assertEquals(List.of(2, 4, 6), pool.twice().map(List.of(1, 2, 3)));
            assertEquals(101, pool.plus(1));
            assertEquals(15L, pool.scale(5L));
            pool.stopAndJoin();
            List<Integer> exits = pool.exitResults();
            assertTrue(!exits.isEmpty() && exits.stream().allMatch(e -> e == 100), "exits: " + exits);
        }
    }
}
