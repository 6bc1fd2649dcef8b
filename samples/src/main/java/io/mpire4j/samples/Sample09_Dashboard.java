package io.mpire4j.samples;

import io.mpire4j.Dashboard;
import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.annotations.Parallel;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Sample 9: the dashboard — a local web page that shows every call of every pool, live.
 *
 * <p>{@code Dashboard.start()} listens on 127.0.0.1 and a free port; {@code uri()} is the address to
 * open, with the random token that every request needs. Every call started from then on shows up:
 * running ones with a progress bar, rate and ETA, finished ones as done, failed or cancelled. Click a
 * call for its worker insights and longest tasks; a failed call shows the failing task's arguments
 * and the stack trace. The same data is JSON at {@code /api/calls} and {@code /api/calls/{id}}.
 *
 * <p>The story: a simulation that finishes, a rendering that fails on a hostile page name (shown as
 * text on the page, never run as markup), a stream of unknown length, and a longer simulation.
 *
 * <p>Run: {@code ./build samples} runs it quickly (a few milliseconds per task). To watch it, run
 * this class's {@code main} with {@code --slow} (or {@code -Dsample.slow=true}): tasks take 50 ms and
 * the dashboard stays up until you press Enter. {@code -Dmpire4j.dashboard=0} starts a dashboard for
 * any program without changing its code.
 */
public final class Sample09_Dashboard {
    /** How long one simulation step sleeps, in milliseconds. */
    static volatile long paceMillis = 2;

    @Parallel
    static double simulate(int step) throws InterruptedException {
        Thread.sleep(paceMillis); // think of a model evaluation
        return Math.sqrt(step);
    }

    @Parallel
    static String render(String page) {
        if (page.contains("<")) {
            throw new IllegalArgumentException("page names are plain text, this one has markup");
        }
        return page.toUpperCase(Locale.ROOT);
    }

    public static void main(String[] args) throws Exception {
        boolean slow = Boolean.getBoolean("sample.slow") || List.of(args).contains("--slow");
        paceMillis = slow ? 50 : 2;
        try (Dashboard dashboard = Dashboard.start();
                Sample09_DashboardParallel pool = Sample09_DashboardParallel.create(
                        PoolOptions.defaults().workers(4).enableInsights(true))) {
            System.out.println("dashboard: " + dashboard.uri());
            story(pool, slow ? 1_000 : 200);
            if (slow) {
                System.out.println("press Enter to stop the dashboard");
                System.in.read();
            }
        }
    }

    /** The calls the dashboard shows; the last one runs {@code longSteps} steps. */
    static void story(Sample09_DashboardParallel pool, int longSteps) {
        List<Double> roots = pool.simulate().description("warm-up simulation").chunkSize(1)
                .map(IntStream.range(0, 40).boxed().toList());
        System.out.printf("warm-up: %d steps done%n", roots.size());

        try {
            pool.render().chunkSize(1).map(List.of("home", "about", "<img src=x onerror=alert(1)>", "contact"));
        } catch (TaskFailedException e) {
            System.out.println("render failed, as the dashboard shows: " + e.method() + " with "
                    + e.parameterNames().get(0) + " = " + e.arguments().get(0));
        }

        long streamed;
        try (Stream<Double> lazy = pool.simulate().description("streamed steps").chunkSize(1)
                .imap(IntStream.range(0, 30).iterator())) {
            streamed = lazy.count();
        }
        System.out.printf("a stream of unknown length: %d steps%n", streamed);

        double sum = pool.simulate().description("long simulation").chunkSize(1)
                .map(IntStream.range(0, longSteps).boxed().toList())
                .stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("long simulation: %d steps, sum of roots %.1f%n", longSteps, sum);
    }
}
