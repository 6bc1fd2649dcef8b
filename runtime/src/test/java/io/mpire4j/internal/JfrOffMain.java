package io.mpire4j.internal;

import io.mpire4j.PoolOptions;
import java.util.List;

/** Runs one small pool and exits: {@link JfrOffTest} watches which classes it loads. */
final class JfrOffMain {
    private JfrOffMain() {}

    public static void main(String[] args) {
        try (WorkerPool<Void, Void> pool = WorkerPool.create(WorkerProgram.<Void, Void>builder("Nums")
                .task("twice", List.of("n"), (Void state, int workerId, Integer n) -> 2 * n, n -> new Object[] {n},
                        Codecs.INT, Codecs.INT)
                .build(), PoolOptions.defaults().workers(2))) {
            List<Integer> out = pool.<Integer, Integer>method(0).chunkSize(2).map(List.of(1, 2, 3, 4, 5));
            System.out.println("result " + out);
        }
    }
}
