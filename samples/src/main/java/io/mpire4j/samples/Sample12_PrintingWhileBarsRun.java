package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.annotations.Parallel;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Sample 9: printing while progress bars run.
 *
 * <p>In a terminal the bars sit at the bottom and are redrawn in place; whatever the program prints
 * meanwhile ({@code System.out}, {@code System.err}, and the {@code [worker-N]} lines of child
 * JVMs) appears above them, as with {@code tqdm.write}. The bars fit the terminal's width. With
 * stderr redirected ({@code 2> err.log}) the bars become plain lines in that file instead.
 *
 * <p>{@code unit("files")} names what is counted, {@code leave(false)} clears a finished bar, and
 * {@code length(n)} gives an {@code Iterator} or {@code Stream} input a total.
 *
 * <p>Run: {@code ./build samples}, or this class's {@code main} in a terminal.
 */
public final class Sample12_PrintingWhileBarsRun {

    @Parallel
    static int scan(int file) throws InterruptedException {
        Thread.sleep(150); // reading the file
        if (file % 10 == 7) {
            System.out.println("file " + file + ": found a match");
        }
        return file % 10 == 7 ? 1 : 0;
    }

    public static void main(String[] args) {
        List<Integer> files = IntStream.range(0, 60).boxed().toList();
        try (Sample12_PrintingWhileBarsRunParallel pool = Sample12_PrintingWhileBarsRunParallel.create(
                PoolOptions.defaults().workers(4))) {
            List<Integer> hits = pool.scan().progressBar(true).description("scanning the archive")
                    .unit("files").chunkSize(1).map(files);
            System.out.println("threads: " + hits.stream().mapToInt(Integer::intValue).sum() + " matches");

            long matches = pool.scan().progressBar(true).description("second pass").leave(false)
                    .length(files.size()).chunkSize(1).imap(files.stream()).filter(hit -> hit == 1).count();
            System.out.println("second pass (its bar cleared when done): " + matches + " matches");
        }
        try (Sample12_PrintingWhileBarsRunParallel pool = Sample12_PrintingWhileBarsRunParallel.create(
                PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES))) {
            List<Integer> hits = pool.scan().progressBar(true).description("child JVMs").unit("files")
                    .chunkSize(1).map(files.subList(0, 30));
            System.out.println("child JVMs: " + hits.stream().mapToInt(Integer::intValue).sum() + " matches");
        }
    }
}
