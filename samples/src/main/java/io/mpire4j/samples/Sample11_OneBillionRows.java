package io.mpire4j.samples;

import io.mpire4j.FileRanges;
import io.mpire4j.PoolOptions;
import io.mpire4j.annotations.Parallel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Sample 11: a big file, split by lines, aggregated on every core: the One Billion Row Challenge.
 *
 * <p>The file holds one {@code station;temperature} line per measurement ({@code Abha;-3.2}); the
 * answer is the min, mean and max per station, sorted by station, as
 * {@code {Abha=-23.0/18.0/59.2, Abidjan=...}}.
 *
 * <ol>
 *   <li>{@link FileRanges#lines} cuts the file into byte ranges that start and end on line
 *       boundaries, reading only a few bytes around each cut. Each range carries the file's path,
 *       so a range is all a task needs, on a thread or in a child JVM.
 *   <li>{@link #aggregate} reads its range and returns that range's statistics per station: a
 *       small map, whatever the size of the file.
 *   <li>{@code reduce} merges the maps on the calling thread as they arrive. The aggregation
 *       belongs to the call, so a second file on the same (kept-alive) pool starts from nothing.
 * </ol>
 *
 * <p>{@link Stats} is a record of numbers, so it crosses to child JVMs by a generated codec: the same
 * code runs with {@code startMethod(PROCESSES)}. (A plain mutable class there would get a
 * {@code [mpire4j.crossing]} warning from the compiler.) Temperatures are kept as whole tenths of a
 * degree, so merging in any order gives exactly the same answer.
 *
 * <p>Run: {@code ./build samples} (100,000 rows). With a row count, through the samples' class path:
 * {@code java -cp ... io.mpire4j.samples.Sample11_OneBillionRows 50000000}.
 */
public final class Sample11_OneBillionRows {
    private Sample11_OneBillionRows() {}

    /** One station's measurements so far: min, max and sum in tenths of a degree, and their count. */
    public record Stats(int min, int max, long sum, long count) {
        Stats merge(Stats other) {
            return new Stats(Math.min(min, other.min), Math.max(max, other.max), sum + other.sum, count + other.count);
        }

        /** {@code min/mean/max}, each rounded to one decimal, as the challenge prints them. */
        @Override
        public String toString() {
            double mean = Math.round(sum / 10.0 * 10.0) / 10.0 / count;
            return round(min / 10.0) + "/" + round(mean) + "/" + round(max / 10.0);
        }

        private static double round(double value) {
            return Math.round(value * 10.0) / 10.0;
        }
    }

    /** The statistics per station of the lines in {@code range}: one task. */
    @Parallel
    static Map<String, Stats> aggregate(FileRanges.Range range) throws IOException {
        return statistics(range.path(), range.start(), range.end());
    }

    /**
     * The statistics per station of the lines in bytes {@code [start, end)} of {@code path}, which
     * start and end on line boundaries: plain Java, nothing of mpire4j's (the benchmarks run it by
     * hand-written {@code ExecutorService} too).
     */
    public static Map<String, Stats> statistics(Path path, long start, long end) throws IOException {
        Table table = new Table();
        byte[] buffer = new byte[1 << 20];
        int kept = 0; // bytes of an unfinished line carried over from the previous read
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long position = start;
            while (position < end) {
                int want = (int) Math.min(buffer.length - kept, end - position);
                int read = file.read(ByteBuffer.wrap(buffer, kept, want), position);
                if (read <= 0) {
                    break;
                }
                position += read;
                int filled = kept + read;
                int lineStart = table.addLines(buffer, filled);
                kept = filled - lineStart;
                System.arraycopy(buffer, lineStart, buffer, 0, kept);
            }
        }
        if (kept > 0) { // a last line without a final newline
            buffer[kept] = '\n';
            table.addLines(buffer, kept + 1);
        }
        return table.toMap();
    }

    /** Merges two maps of partial statistics into a new one. */
    public static Map<String, Stats> merge(Map<String, Stats> a, Map<String, Stats> b) {
        Map<String, Stats> merged = new HashMap<>(a);
        b.forEach((station, stats) -> merged.merge(station, stats, Stats::merge));
        return merged;
    }

    /** {@code {Abha=-23.0/18.0/59.2, ...}}, sorted by station. */
    public static String format(Map<String, Stats> stations) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        new TreeMap<>(stations).forEach((station, stats) -> out.add(station + "=" + stats));
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Path measurements = Files.createTempFile("measurements-", ".txt");
        try {
            generate(measurements, rows, 42);
            int workers = Runtime.getRuntime().availableProcessors();
            try (Sample11_OneBillionRowsParallel pool = Sample11_OneBillionRowsParallel.create(
                    PoolOptions.defaults().workers(workers))) {
                // 1-3. Split, aggregate each range on a worker, merge the partial maps.
                List<FileRanges.Range> ranges = FileRanges.lines(measurements, 8 * workers);
                Map<String, Stats> stations = pool.aggregate().reduce(ranges, Sample11_OneBillionRows::merge)
                        .orElse(Map.of());
                String answer = format(stations);
                System.out.println(rows + " rows, " + ranges.size() + " ranges, " + stations.size() + " stations:");
                System.out.println(answer.length() > 300 ? answer.substring(0, 300) + "…}" : answer);

                // The pool stays up; the next call aggregates only its own file.
                Path small = Files.createTempFile("measurements-", ".txt");
                try {
                    Files.writeString(small, "Abha;1.0\nAbha;3.0\nZürich;-0.5\n");
                    System.out.println("another file, same pool: " + format(
                            pool.aggregate().reduce(FileRanges.lines(small, 2), Sample11_OneBillionRows::merge)
                                    .orElse(Map.of())));
                } finally {
                    Files.delete(small);
                }
            }
        } finally {
            Files.delete(measurements);
        }
    }

    // ---------------------------------------------------------------- the parsing, plain Java

    /**
     * Statistics by station name, keyed by the name's bytes so that no String is made per line: an
     * open-addressing table sized for up to 10,000 stations (the challenge's limit).
     */
    private static final class Table {
        private static final int SIZE = 1 << 15;
        private final byte[][] names = new byte[SIZE][];
        private final int[] mins = new int[SIZE];
        private final int[] maxs = new int[SIZE];
        private final long[] sums = new long[SIZE];
        private final long[] counts = new long[SIZE];

        /** Adds every complete line in {@code bytes[0, end)}; returns where the unfinished last line starts. */
        int addLines(byte[] bytes, int end) {
            int i = 0;
            while (true) {
                int nameStart = i;
                int hash = 1;
                while (i < end && bytes[i] != ';') {
                    hash = 31 * hash + bytes[i];
                    i++;
                }
                int nameEnd = i++;
                if (i >= end) {
                    return nameStart;
                }
                boolean negative = bytes[i] == '-';
                if (negative) {
                    i++;
                }
                int value = 0;
                while (i < end && bytes[i] != '\n') {
                    byte b = bytes[i++];
                    if (b != '.') {
                        value = value * 10 + (b - '0');
                    }
                }
                if (i >= end) {
                    return nameStart;
                }
                i++; // the newline
                add(bytes, nameStart, nameEnd, hash, negative ? -value : value);
            }
        }

        private void add(byte[] bytes, int from, int to, int hash, int value) {
            int slot = (hash ^ (hash >>> 15)) & (SIZE - 1);
            while (true) {
                byte[] name = names[slot];
                if (name == null) {
                    names[slot] = Arrays.copyOfRange(bytes, from, to);
                    mins[slot] = value;
                    maxs[slot] = value;
                    sums[slot] = value;
                    counts[slot] = 1;
                    return;
                }
                if (Arrays.equals(name, 0, name.length, bytes, from, to)) {
                    mins[slot] = Math.min(mins[slot], value);
                    maxs[slot] = Math.max(maxs[slot], value);
                    sums[slot] += value;
                    counts[slot]++;
                    return;
                }
                slot = (slot + 1) & (SIZE - 1);
            }
        }

        Map<String, Stats> toMap() {
            Map<String, Stats> map = new HashMap<>();
            for (int slot = 0; slot < SIZE; slot++) {
                if (names[slot] != null) {
                    map.put(new String(names[slot], StandardCharsets.UTF_8),
                            new Stats(mins[slot], maxs[slot], sums[slot], counts[slot]));
                }
            }
            return map;
        }
    }

    // ---------------------------------------------------------------- the input

    /** Stations and their mean temperatures, from which rows are drawn. */
    private static final String[] STATIONS = {
        "Abha;18.0", "Abidjan;26.0", "Accra;26.4", "Addis Ababa;16.0", "Adelaide;17.3", "Algiers;18.2",
        "Amsterdam;10.2", "Anchorage;2.8", "Athens;19.2", "Bangkok;28.6", "Barcelona;18.2", "Beijing;12.9",
        "Berlin;10.3", "Bogotá;13.2", "Cairo;21.4", "Cape Town;16.2", "Chicago;9.8", "Dakar;24.0",
        "Delhi;25.0", "Dublin;9.8", "Helsinki;5.9", "Hong Kong;23.3", "Istanbul;13.9", "Jakarta;26.7",
        "Lagos;26.8", "Lima;19.2", "London;11.3", "Madrid;15.0", "Mexico City;17.5", "Moscow;5.8",
        "Mumbai;27.1", "Nairobi;17.8", "New York City;12.9", "Oslo;5.7", "Paris;12.3", "Reykjavík;4.3",
        "Rome;15.2", "São Paulo;19.7", "Seoul;12.5", "Singapore;27.0", "Stockholm;6.6", "Sydney;17.7",
        "Tokyo;15.4", "Toronto;9.4", "Vienna;10.4", "Zürich;9.3",
    };

    /**
     * Writes {@code rows} lines {@code station;temperature} to {@code file}: a random station, a
     * temperature drawn around its mean, one decimal, within [-99.9, 99.9]. The same seed gives the
     * same file.
     */
    public static void generate(Path file, long rows, long seed) throws IOException {
        byte[][] names = new byte[STATIONS.length][];
        double[] means = new double[STATIONS.length];
        for (int s = 0; s < STATIONS.length; s++) {
            int cut = STATIONS[s].indexOf(';');
            names[s] = (STATIONS[s].substring(0, cut) + ";").getBytes(StandardCharsets.UTF_8);
            means[s] = Double.parseDouble(STATIONS[s].substring(cut + 1));
        }
        SplittableRandom random = new SplittableRandom(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long row = 0; row < rows; row++) {
                int s = random.nextInt(names.length);
                double gaussian = nextGaussian(random);
                long tenths = Math.max(-999, Math.min(999, Math.round((means[s] + 10 * gaussian) * 10)));
                out.write(names[s]);
                if (tenths < 0) {
                    out.write('-');
                    tenths = -tenths;
                }
                if (tenths >= 100) {
                    out.write((int) ('0' + tenths / 100));
                }
                out.write((int) ('0' + tenths / 10 % 10));
                out.write('.');
                out.write((int) ('0' + tenths % 10));
                out.write('\n');
            }
        }
    }

    /** A standard normal value (Marsaglia's polar method). */
    private static double nextGaussian(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
