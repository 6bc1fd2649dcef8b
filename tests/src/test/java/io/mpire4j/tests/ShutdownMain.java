package io.mpire4j.tests;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.tests.fixtures.Board;
import io.mpire4j.tests.fixtures.Hazards;
import io.mpire4j.tests.fixtures.HazardsParallel;
import java.nio.file.Path;
import java.util.List;

/**
 * The program {@link ShutdownTest} starts and then signals: a pool of two child JVMs whose tasks run
 * away (each marks {@code running-away-<x>} with its child's pid on the board in {@code args[0]}),
 * under a progress bar on stderr. It never returns on its own; the JVM's shutdown must stop it.
 */
public final class ShutdownMain {
    private ShutdownMain() {}

    public static void main(String[] args) {
        Board board = Board.in(Path.of(args[0]));
        HazardsParallel pool = HazardsParallel.create(new Hazards(board),
                PoolOptions.defaults().startMethod(StartMethod.PROCESSES).workers(2));
        pool.runAway().progressBar(true).description("forever").chunkSize(1).map(List.of(1, 2, 3, 4));
    }
}
