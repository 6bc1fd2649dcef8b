package io.mpire4j.benchmarks;

import io.mpire4j.Dashboard;
import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * What the dashboard costs a pool (issue 13): the trivial-task workload ({@code map} of
 * {@code x → x * x} over 1,000,000 boxed longs on 2 thread workers, default chunking, pool creation
 * and shutdown included; a sample is the mean of ten such calls, after a collection and one warm-up
 * call) in these setups, interleaved round by round in a rotating order so that drift on a shared
 * machine hits each alike:
 * <ol>
 *   <li><b>none</b>: no dashboard;
 *   <li><b>empty listener</b>: a registered {@link PoolListener} that does nothing, to tell the
 *       pool-event seam's share from the dashboard's;
 *   <li><b>dashboard</b>: a started dashboard, no browser;
 *   <li><b>dashboard + browser</b>: one client reading {@code /api/events} (an {@link HttpClient}
 *       that reads the stream as a browser would), connected before the call.
 * </ol>
 * The same again with chunk size 1 over 200,000 tasks, where every task is a chunk and so a progress
 * event: the worst case for a listener. Reports the median and the min per setup with their ratios
 * to {@code none}; the targets are below 1.02 and 1.05 on the default workload. Writes
 * {@code dashboard.md} to the output directory.
 *
 * <p>Run: {@code benchmarks/run --dashboard} (a few minutes; {@code --quick} for fewer rounds).
 */
final class DashboardBench {
    private static final String[] SETUPS = {"none", "empty listener", "dashboard", "dashboard + browser"};
    /** Calls per sample (each its own pool), after one unmeasured call in the same setup. */
    private static final int CALLS = 10;

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        boolean quick = Arrays.asList(args).contains("--quick");
        int rounds = quick ? 8 : 25;
        int warmUp = quick ? 2 : 4;
        StringBuilder md = new StringBuilder("# Dashboard overhead\n\n")
                .append(String.format(Locale.ROOT, "2 thread workers; %d measured rounds after %d warm-up rounds, "
                        + "setups in rotating order; ms per call (a sample is the mean of %d calls), the median and "
                        + "the min of the samples, each as a ratio to 'none'. On a busy machine the min (the least "
                        + "disturbed sample) is the better estimate of a small cost.%n%n", rounds, warmUp, CALLS))
                .append("| workload | setup | median ms | median ratio | min ms | min ratio |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        md.append(workload("trivial 1,000,000 (default chunks)", 1_000_000, pool -> pool.square(), rounds, warmUp));
        md.append(workload("trivial 200,000 (chunk size 1)", 200_000, pool -> pool.square().chunkSize(1), rounds,
                warmUp));
        Files.createDirectories(out);
        Files.writeString(out.resolve("dashboard.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static String workload(String name, int tasks, Function<OverheadTasksParallel, ParallelMethod<Long, Long>> call,
            int rounds, int warmUp) throws Exception {
        List<Long> inputs = LongStream.range(0, tasks).boxed().toList();
        List<List<Double>> ms = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] events = {0};
        for (int round = 0; round < warmUp + rounds; round++) {
            for (int i = 0; i < SETUPS.length; i++) {
                int setup = (round + i) % SETUPS.length; // each setup takes each place in turn
                double sample = setup(setup, inputs, call, events);
                if (round >= warmUp) {
                    ms.get(setup).add(sample);
                }
            }
        }
        StringBuilder rows = new StringBuilder();
        double medianBase = median(ms.get(0));
        double minBase = min(ms.get(0));
        for (int s = 0; s < SETUPS.length; s++) {
            double median = median(ms.get(s));
            double min = min(ms.get(s));
            rows.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %.1f | %.3f |%n", name, SETUPS[s],
                    median, median / medianBase, min, min / minBase));
        }
        System.err.printf(Locale.ROOT, "%s: the browser stream received %d event lines in all%n", name, events[0]);
        return rows.toString();
    }

    /** One sample of setup {@code setup}: the setup is made, warmed by one call, measured, and taken down. */
    private static double setup(int setup, List<Long> inputs,
            Function<OverheadTasksParallel, ParallelMethod<Long, Long>> call, long[] events) throws Exception {
        switch (setup) {
            case 0 -> {
                run(inputs, call, 1);
                return run(inputs, call, CALLS);
            }
            case 1 -> {
                AutoCloseable empty = PoolEvents.register(new PoolListener() {});
                try {
                    run(inputs, call, 1);
                    return run(inputs, call, CALLS);
                } finally {
                    empty.close();
                }
            }
            default -> {
                try (Dashboard board = Dashboard.start(); Stream stream = new Stream(board.uri())) {
                    if (setup == 3) {
                        stream.open();
                    }
                    run(inputs, call, 1);
                    double sample = run(inputs, call, CALLS);
                    events[0] += stream.finish();
                    return sample;
                }
            }
        }
    }

    /** The mean time of {@code calls} runs (a pool each) in ms. */
    private static double run(List<Long> inputs, Function<OverheadTasksParallel, ParallelMethod<Long, Long>> call,
            int calls) {
        System.gc(); // no setup pays for another's garbage
        long start = System.nanoTime();
        long checksum = 0;
        for (int i = 0; i < calls; i++) {
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(2))) {
                for (Long r : call.apply(pool).map(inputs)) {
                    checksum += Checksums.mix(r);
                }
            }
        }
        double ms = (System.nanoTime() - start) / 1e6 / calls;
        if (checksum == 42) {
            System.err.print(""); // keeps the checksum alive
        }
        return ms;
    }

    private static double min(List<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** One "browser": a client that reads the event stream on its own thread and counts lines. */
    private static final class Stream implements AutoCloseable {
        private final URI uri;
        private final HttpClient http = HttpClient.newHttpClient();
        private final AtomicLong lines = new AtomicLong();
        private InputStream body;
        private Thread reader;

        Stream(URI page) {
            this.uri = URI.create("http://" + page.getRawAuthority() + "/api/events?" + page.getRawQuery());
        }

        void open() throws IOException, InterruptedException {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            CountDownLatch first = new CountDownLatch(1);
            reader = Thread.ofPlatform().daemon().name("bench-browser").start(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = body.read(buffer)) >= 0) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines.incrementAndGet();
                            }
                        }
                        first.countDown();
                    }
                } catch (IOException closed) {
                    // closed by close()
                }
            });
            if (!first.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the event stream sent nothing");
            }
        }

        /** Closes the stream; returns the lines it read. */
        long finish() throws IOException, InterruptedException {
            if (body != null) {
                body.close();
                reader.join(5000);
                body = null;
            }
            return lines.get();
        }

        @Override
        public void close() throws IOException {
            try {
                finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            http.close();
        }
    }
}
