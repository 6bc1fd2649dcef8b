package io.mpire4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One timed run of one One Billion Row Challenge peer in a fresh JVM, as the challenge times it:
 * from the start of the work (pool creation included) to the answer, with nothing warmed up.
 * Prints {@code RESULT <tab> seconds <tab> sha-256 of the answer <tab> the answer's first 60 chars}.
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
        long start = System.nanoTime();
        String answer = BrcPeers.run(peer, file, workers);
        double seconds = (System.nanoTime() - start) / 1e9;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(answer.getBytes(StandardCharsets.UTF_8)));
        System.out.println(String.join("\t", "RESULT", String.format(Locale.ROOT, "%.4f", seconds), sha,
                answer.substring(0, Math.min(60, answer.length()))));
    }
}
