package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpire4j.PoolOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated class exists and works, on threads and on child JVMs. */
class WordCountTest {
    @Test
    void theGeneratedPoolCountsOnThreads() {
        try (WordCountParallel pool = WordCountParallel.create(PoolOptions.defaults().workers(2))) {
            assertEquals(List.of(2, 0, 1), pool.words().map(List.of("a b", " ", "c")));
        }
    }

    @Test
    void theGeneratedPoolCountsOnChildJvms() {
        assertEquals(List.of(3, 1), WordCount.countOnChildJvms(List.of("x y z", "w")));
    }
}
