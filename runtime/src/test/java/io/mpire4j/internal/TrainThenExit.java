package io.mpire4j.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * A short program for {@link ClassDataArchiveTest}: starts the training of archive {@code k} in
 * directory {@code args[0]} with the stand-in java executable {@code args[1]}, then exits at once.
 */
final class TrainThenExit {
    private TrainThenExit() {}

    public static void main(String[] args) {
        new ClassDataArchive(true, Path.of(args[0]), "k", List.of(args[1], "--train")).train();
        System.exit(0);
    }
}
