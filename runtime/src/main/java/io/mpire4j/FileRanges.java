package io.mpire4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a big text file into byte ranges that start and end on line boundaries, so that each
 * worker reads its own part of the file and no line is cut in two. The ranges are the tasks of a
 * {@code @Parallel} method; a {@link Range} carries its file's path, so it is all a worker needs,
 * and it crosses to {@link StartMethod#PROCESSES child JVMs} as three values.
 *
 * <p>The One Billion Row Challenge (one {@code station;temperature} line per measurement, min,
 * mean and max per station) is the model workload. Each range is aggregated on a worker into a
 * small map, and the call merges the maps as they arrive:
 *
 * <pre>{@code
 * public final class Brc {
 *     public record Stats(double min, double max, double sum, long count) { ... merge ... }
 *
 *     @Parallel
 *     static Map<String, Stats> aggregate(FileRanges.Range range) throws IOException {
 *         Map<String, Stats> stations = new HashMap<>();
 *         // read range.path() from range.start() to range.end(): whole lines only
 *         return stations;
 *     }
 * }
 *
 * try (var pool = BrcParallel.create(PoolOptions.defaults().workers(8))) {
 *     Map<String, Stats> result = pool.aggregate()
 *             .reduce(FileRanges.lines(measurements, 64), Brc::merge)   // one pass, merged as they come
 *             .orElse(Map.of());
 * }
 * }</pre>
 *
 * <p>A line ends with {@code '\n'} (a {@code '\r'} before it stays part of the line). Static
 * methods only; thread-safe.
 */
public final class FileRanges {
    /** How many bytes are read at a time while looking for the end of a line. */
    private static final int SCAN = 8 * 1024;

    private FileRanges() {}

    /**
     * The bytes {@code [start, end)} of the file at {@code path}: whole lines, the first one starting
     * at {@code start}, the last one ending with the {@code '\n'} just before {@code end}, or at the
     * end of the file when the file has no final newline. Immutable.
     *
     * @param path the file
     * @param start the first byte, at the start of a line ({@code >= 0})
     * @param end one past the last byte ({@code >= start})
     */
    public record Range(Path path, long start, long end) {
        /**
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if {@code start < 0} or {@code end < start}
         */
        public Range {
            Objects.requireNonNull(path, "path");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("a range needs 0 <= start <= end, was start = " + start
                        + ", end = " + end + " (" + path + ")");
            }
        }

        /** The number of bytes in the range, {@code end - start}. */
        public long length() {
            return end - start;
        }
    }

    /**
     * Cuts the file at {@code path} into at most {@code parts} ranges of about equal size, each
     * starting at the start of a line and ending after the end of one, in file order and together
     * covering every byte. Reads only a few bytes around each cut.
     *
     * <ul>
     *   <li>An empty file gives no ranges.
     *   <li>A file with fewer lines than {@code parts} (or very long lines) gives fewer ranges:
     *       never an empty one.
     *   <li>A last line without a final {@code '\n'} belongs to the last range.
     * </ul>
     *
     * <p>Choose more parts than workers (say 8 per worker) when lines cost unequal time, so that a
     * worker that finishes early takes another range.
     *
     * @param path a regular file
     * @param parts how many ranges to aim for, {@code >= 1}
     * @return the ranges, an unmodifiable list
     * @throws IllegalArgumentException if {@code parts < 1}
     * @throws NoSuchFileException if there is no file at {@code path}
     * @throws IOException if {@code path} is not a regular file or cannot be read
     */
    public static List<Range> lines(Path path, int parts) throws IOException {
        Objects.requireNonNull(path, "path");
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, was " + parts + " (for " + path + ")");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "FileRanges.lines needs an existing file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file: FileRanges.lines splits the lines of a file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            List<Range> ranges = new ArrayList<>(Math.min(parts, 1024));
            ByteBuffer buffer = ByteBuffer.allocate(SCAN);
            long start = 0;
            for (int i = 1; i <= parts && start < size; i++) {
                long cut = size / parts * i + size % parts * i / parts; // size * i / parts, without overflow
                long end = i == parts ? size : nextLineStart(channel, buffer, Math.max(cut, start), size);
                if (end > start) {
                    ranges.add(new Range(path, start, end));
                    start = end;
                }
            }
            return List.copyOf(ranges);
        }
    }

    /**
     * The start of the first line that starts at or after {@code at}: {@code at} itself if the byte
     * before it is a newline, else one past the next newline, else {@code size}.
     */
    private static long nextLineStart(FileChannel channel, ByteBuffer buffer, long at, long size) throws IOException {
        if (at <= 0) {
            return 0;
        }
        long position = at - 1;
        while (position < size) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                return size; // the file shrank while we looked
            }
            for (int k = 0; k < read; k++) {
                if (buffer.get(k) == '\n') {
                    return position + k + 1;
                }
            }
            position += read;
        }
        return size;
    }
}
