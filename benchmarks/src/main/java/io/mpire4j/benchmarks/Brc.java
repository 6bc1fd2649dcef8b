package io.mpire4j.benchmarks;

import io.mpire4j.samples.Sample11_OneBillionRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The One Billion Row Challenge's input at benchmark scale. The parsing, merging and formatting
 * are {@link Sample11_OneBillionRows}'s own, so the benchmark measures the code the README shows.
 */
final class Brc {
    private Brc() {}

    /** The file of {@code rows} rows in {@code dir}, generated once (written to a temporary name, then renamed). */
    static Path measurements(Path dir, long rows) throws IOException {
        Path file = dir.resolve("measurements-" + rows + ".txt");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "measurements-", ".partial");
            Sample11_OneBillionRows.generate(partial, rows, 42);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }
}
