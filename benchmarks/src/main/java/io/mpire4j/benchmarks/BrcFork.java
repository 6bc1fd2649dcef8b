package io.mpire4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One timed run of one One Billion Row Challenge peer in a fresh JVM, as the challenge times it:
 * from the start of the work (pool creation included) to the answer, with nothing warmed up.
 * Prints {@code RESULT <tab> seconds <tab> sha-256 of the answer <tab> the answer's first 60 chars
 * <tab> CPU seconds}: the CPU time of this JVM and of its child JVMs (reaped by then) over the same
 * span, from {@code /proc/self/stat} (Linux; -1 elsewhere), which other work on a shared machine
 * disturbs far less than the wall-clock time.
 *
 * <p>Run alone (after {@code benchmarks/run --build-only}):
 * {@code java -Xms3g -Xmx3g -XX:+UseParallelGC -cp 'benchmarks/target/mpire4j-benchmarks.jar:benchmarks/target/lib/*'
 * io.mpire4j.benchmarks.BrcFork mpire4j-threads 2 benchmarks/target/brc/measurements-50000000.txt}.
 */
final class BrcFork {
    private BrcFork() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BrcFork PEER WORKERS FILE");
            System.exit(2);
        }
        String peer = args[0];
        int workers = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        double cpuStart = cpuSeconds();
        long start = System.nanoTime();
        String answer = BrcPeers.run(peer, file, workers);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuStart < 0 ? -1 : cpuSeconds() - cpuStart;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(answer.getBytes(StandardCharsets.UTF_8)));
        System.out.println(String.join("\t", "RESULT", String.format(Locale.ROOT, "%.4f", seconds), sha,
                answer.substring(0, Math.min(60, answer.length())), String.format(Locale.ROOT, "%.2f", cpu)));
    }

    /**
     * User and system time of this process and of its waited-for children, in seconds (fields 14-17
     * of {@code /proc/self/stat}, in clock ticks of 1/100 s); -1 if unavailable.
     */
    static double cpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14-17
            long ticks = 0;
            for (int f = 14; f <= 17; f++) {
                ticks += Long.parseLong(fields[f - 3]);
            }
            return ticks / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
