package io.mpire4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a pool's workers did since they last started fresh: per worker and in total, how many tasks
 * they completed and how their time split between start-up, init, waiting, working and exit; and
 * the five longest tasks with their arguments. Recorded only with
 * {@link PoolOptions#enableInsights(boolean) enableInsights(true)}; otherwise {@link #isEmpty()
 * empty}, never {@code null}.
 *
 * <p>Immutable: a snapshot taken when {@code insights()} was called. {@link #toString()} prints a
 * table that fits 80 columns and, when workers spent less than 80 % of their time working, a warning
 * that says where the rest went and what may help.
 */
public final class Insights {
    private static final Insights EMPTY = new Insights(List.of(), List.of());
    private static final String[] PHASES = {"start-up", "init", "waiting", "working", "exit"};
    /** The printed table's width: every line fits an 80-column terminal. */
    static final int WIDTH = 80;

    private final List<WorkerInsights> workers;
    private final List<TaskTiming> longestTasks;

    private Insights(List<WorkerInsights> workers, List<TaskTiming> longestTasks) {
        this.workers = List.copyOf(workers);
        this.longestTasks = List.copyOf(longestTasks);
    }

    /** Insights of nothing: what a pool without {@code enableInsights(true)} returns. */
    public static Insights empty() {
        return EMPTY;
    }

    /**
     * Insights of these workers and these longest tasks (longest first). Made by the runtime;
     * public so that tests and worker kinds can make one.
     */
    public static Insights of(List<WorkerInsights> workers, List<TaskTiming> longestTasks) {
        return workers.isEmpty() && longestTasks.isEmpty() ? EMPTY : new Insights(workers, longestTasks);
    }

    /** Whether nothing was recorded (insights off, or no worker started yet). */
    public boolean isEmpty() {
        return workers.isEmpty();
    }

    /** Tasks completed by all workers. */
    public long tasksCompleted() {
        long sum = 0;
        for (WorkerInsights w : workers) {
            sum += w.tasksCompleted();
        }
        return sum;
    }

    /** Tasks sent to run again after a failure ({@link ParallelMethod#retries(int)}), over all workers. */
    public long retries() {
        long sum = 0;
        for (WorkerInsights w : workers) {
            sum += w.retries();
        }
        return sum;
    }

    /** One entry per worker slot, by worker id. */
    public List<WorkerInsights> workers() {
        return workers;
    }

    /** The (at most) five longest tasks, longest first. */
    public List<TaskTiming> longestTasks() {
        return longestTasks;
    }

    /** Start-up time summed over workers. */
    public Duration totalStartUp() {
        return sum(WorkerInsights::startUp);
    }

    /** Init time summed over workers. */
    public Duration totalInit() {
        return sum(WorkerInsights::init);
    }

    /** Waiting time summed over workers. */
    public Duration totalWaiting() {
        return sum(WorkerInsights::waiting);
    }

    /** Working time summed over workers. */
    public Duration totalWorking() {
        return sum(WorkerInsights::working);
    }

    /** Exit time summed over workers. */
    public Duration totalExit() {
        return sum(WorkerInsights::exit);
    }

    /** Working time over all recorded time, from 0 to 1 (0 when nothing was recorded). */
    public double workingRatio() {
        long total = sum(WorkerInsights::total).toNanos();
        return total == 0 ? 0 : (double) totalWorking().toNanos() / total;
    }

    private Duration sum(Function<WorkerInsights, Duration> phase) {
        Duration sum = Duration.ZERO;
        for (WorkerInsights w : workers) {
            sum = sum.plus(phase.apply(w));
        }
        return sum;
    }

    private static List<Function<WorkerInsights, Duration>> phases() {
        return List.of(WorkerInsights::startUp, WorkerInsights::init, WorkerInsights::waiting,
                WorkerInsights::working, WorkerInsights::exit);
    }

    /** The mean of {@code phase} over workers, and its standard deviation. */
    private double[] meanAndStd(Function<WorkerInsights, Duration> phase) {
        int n = workers.size();
        double mean = 0;
        for (WorkerInsights w : workers) {
            mean += phase.apply(w).toNanos();
        }
        mean /= n;
        double var = 0;
        for (WorkerInsights w : workers) {
            double d = phase.apply(w).toNanos() - mean;
            var += d * d;
        }
        return new double[] {mean, Math.sqrt(var / n)};
    }

    /**
     * What to try, after the phase other than working that took the most time: start-up is not
     * helped by a cheaper init, nor waiting by a cheaper exit.
     */
    private String advice() {
        Duration startUp = totalStartUp();
        Duration init = totalInit();
        Duration waiting = totalWaiting();
        Duration exit = totalExit();
        Duration most = max(max(startUp, init), max(waiting, exit));
        if (most.equals(waiting)) {
            return "most of the rest went to waiting for tasks. Larger chunks or fewer workers may help.";
        }
        if (most.equals(startUp)) {
            return "most of the rest went to start-up. Keep the workers alive across calls"
                    + System.lineSeparator() + "(keepAlive), give each call more work, or use fewer workers.";
        }
        if (most.equals(init)) {
            return "most of the rest went to @WorkerInit. A cheaper init or fewer workers may help.";
        }
        return "most of the rest went to @WorkerExit. A cheaper exit may help.";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** {@link String#format} in {@link Locale#ROOT}: the table reads the same in every locale. */
    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The standard deviation of tasks completed per worker. */
    private double taskStd() {
        double mean = (double) tasksCompleted() / workers.size();
        double var = 0;
        for (WorkerInsights w : workers) {
            var += (w.tasksCompleted() - mean) * (w.tasksCompleted() - mean);
        }
        return Math.sqrt(var / workers.size());
    }

    /** Formats a duration as {@code H:MM:SS.mmm}. */
    static String clock(Duration d) {
        long ms = d.toMillis();
        return format("%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** The insights as a table: one row per worker, totals, means ± standard deviations, ratios, longest tasks. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "Insights: none recorded (enable them with PoolOptions.enableInsights(true))";
        }
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder("Worker insights").append(nl);
        out.append(format("%-6s %8s %11s %11s %11s %11s %11s%n", "worker", "tasks", PHASES[0], PHASES[1],
                PHASES[2], PHASES[3], PHASES[4]));
        for (WorkerInsights w : workers) {
            out.append(format("%-6d %8d %11s %11s %11s %11s %11s%n", w.workerId(), w.tasksCompleted(),
                    clock(w.startUp()), clock(w.init()), clock(w.waiting()), clock(w.working()), clock(w.exit())));
        }
        out.append(format("%-6s %8d %11s %11s %11s %11s %11s%n", "total", tasksCompleted(),
                clock(totalStartUp()), clock(totalInit()), clock(totalWaiting()), clock(totalWorking()),
                clock(totalExit())));
        StringBuilder mean = new StringBuilder(
                format("%-6s %8.1f", "mean", (double) tasksCompleted() / workers.size()));
        StringBuilder std = new StringBuilder(format("%-6s %8.1f", "std", taskStd()));
        StringBuilder ratio = new StringBuilder(format("%-6s %8s", "ratio", ""));
        long total = sum(WorkerInsights::total).toNanos();
        for (Function<WorkerInsights, Duration> phase : phases()) {
            double[] ms = meanAndStd(phase);
            mean.append(format(" %11s", clock(Duration.ofNanos((long) ms[0]))));
            std.append(format(" %11s", clock(Duration.ofNanos((long) ms[1]))));
            ratio.append(format(" %10.1f%%", total == 0 ? 0 : 100.0 * sum(phase).toNanos() / total));
        }
        out.append(mean).append(nl).append(std).append(nl).append(ratio).append(nl);
        if (retries() > 0) {
            StringBuilder line = new StringBuilder(format("Retries: %d (", retries()));
            String sep = "";
            for (WorkerInsights w : workers) {
                if (w.retries() > 0) {
                    line.append(sep).append(format("worker %d: %d", w.workerId(), w.retries()));
                    sep = ", ";
                }
            }
            line.append(')');
            out.append(line.length() > WIDTH ? line.substring(0, WIDTH - 1) + "…" : line).append(nl);
        }
        if (workers.stream().anyMatch(w -> !w.location().isEmpty())) {
            out.append("Locations").append(nl);
            for (WorkerInsights w : workers) {
                String line = format("  worker %d: %s", w.workerId(), w.location().isEmpty() ? "-" : w.location());
                out.append(line.length() > WIDTH ? line.substring(0, WIDTH - 1) + "…" : line).append(nl);
            }
        }
        if (workingRatio() < 0.8) {
            out.append(format("Efficiency warning: workers spent only %.1f%% of their time working;%n",
                    100 * workingRatio()));
            out.append(advice()).append(nl);
        }
        if (!longestTasks.isEmpty()) {
            out.append("Longest tasks").append(nl);
            int rank = 1;
            for (TaskTiming t : longestTasks) {
                String line = format("  %d. %s on worker %d: %s", rank++, clock(t.duration()), t.workerId(),
                        t.arguments());
                out.append(line.length() > WIDTH ? line.substring(0, WIDTH - 1) + "…" : line).append(nl);
            }
        }
        return out.toString();
    }
}
