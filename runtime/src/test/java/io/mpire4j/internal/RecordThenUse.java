package io.mpire4j.internal;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.util.Arrays;
import java.util.List;

/**
 * A program for {@link RecordedArchiveTest}: one pool of two child JVMs that squares a few numbers.
 * Prints how each child was started ({@code CHILD record}, {@code CHILD cache} or
 * {@code CHILD none}: recording the AOT cache, using it, or neither), how one of them shares class
 * data ({@code SHARING …}, see {@link ChildFixture#SHARING}), and the squares.
 */
final class RecordThenUse {
    private RecordThenUse() {}

    public static void main(String[] args) {
        try (WorkerPool<int[], Integer> pool = WorkerPool.create(ChildFixture.program("hi "),
                PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES))) {
            List<Integer> squares = pool.<Integer, Integer>method(ChildFixture.SQUARE).map(List.of(1, 2, 3, 4));
            ProcessHandle.current().children().forEach(child -> {
                List<String> arguments = Arrays.asList(child.info().arguments().orElse(new String[0]));
                boolean cache = arguments.stream().anyMatch(a -> a.startsWith("-XX:AOTCache="));
                System.out.println("CHILD " + (arguments.contains("-XX:AOTMode=record") ? "record" : cache ? "cache" : "none"));
            });
            System.out.println("SHARING " + pool.<Integer, String>method(ChildFixture.SHARING).apply(0));
            System.out.println("SQUARES " + squares);
        }
    }
}
