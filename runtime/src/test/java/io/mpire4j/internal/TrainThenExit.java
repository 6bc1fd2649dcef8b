package io.mpire4j.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A short program for {@link ClassDataArchiveTest}: claims the recording of archive {@code k} in
 * directory {@code args[0]}, writes a stand-in recording, hands it to the builder (the stand-in java
 * executable {@code args[1]}) as a recording child's exit would, then exits at once.
 */
final class TrainThenExit {
    private TrainThenExit() {}

    public static void main(String[] args) throws Exception {
        ClassDataArchive archive = new ClassDataArchive(true, Path.of(args[0]), "k", List.of(args[1]));
        ClassDataArchive.Recording recording = archive.record();
        Files.writeString(recording.configuration(), "recorded");
        archive.recorded(recording);
        System.exit(0);
    }
}
