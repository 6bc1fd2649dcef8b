package io.mpire4j.internal;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Draws every running progress bar of the JVM on one stream, so that concurrent calls (or a pool
 * used inside another pool's task) never garble each other.
 *
 * <p>In a terminal the bars form a block at the bottom that is redrawn in place about every 100 ms;
 * a finished bar's last line is printed above the block and stays. Elsewhere (CI, a redirected stream) each bar
 * prints plain lines: one at the first tick (a call that ends sooner prints only its final line),
 * one per 10 % step reached, one every 5 s while it moves without reaching a step (unknown totals),
 * and its final state.
 *
 * <p>No thread of its own: the threads waiting for a call's results redraw while they wait
 * ({@link #refresh()}, at most once per {@link #tickNanos()} however many calls wait), so a bar
 * costs a call nothing to start or stop. Thread-safe; every write happens under {@link #lock}.
 * Tests build one with their own stream and clock and call {@link #tick()} themselves.
 */
final class ProgressDisplay {
    enum Mode { TERMINAL, LINES }

    static final long TERMINAL_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long LINES_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static volatile ProgressDisplay standard;

    private final PrintStream out;
    private final LongSupplier clock;
    private final Mode mode;

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final List<ProgressBar> active = new ArrayList<>();
    /** Guarded by lock: lines of the terminal block now on screen. */
    private int drawnLines;
    /** Guarded by lock: when {@link #refresh()} last drew. */
    private long lastRefresh;

    ProgressDisplay(PrintStream out, LongSupplier clock, Mode mode) {
        this.out = out;
        this.clock = clock;
        this.mode = mode;
    }

    /** The display on {@code System.err}, in the mode that suits it. */
    static ProgressDisplay standard() {
        ProgressDisplay display = standard;
        if (display == null) {
            synchronized (ProgressDisplay.class) {
                display = standard;
                if (display == null) {
                    display = new ProgressDisplay(System.err, System::nanoTime, detectMode());
                    standard = display;
                }
            }
        }
        return display;
    }

    /**
     * {@code -Dmpire4j.progress=lines|terminal} decides; otherwise lines on CI, on a dumb terminal,
     * or without a console that is a terminal.
     */
    static Mode detectMode() {
        String forced = System.getProperty("mpire4j.progress", "");
        if (forced.equalsIgnoreCase("lines")) {
            return Mode.LINES;
        }
        if (forced.equalsIgnoreCase("terminal")) {
            return Mode.TERMINAL;
        }
        if (System.getenv("CI") != null || "dumb".equals(System.getenv("TERM"))) {
            return Mode.LINES;
        }
        Console console = System.console();
        if (console == null) {
            return Mode.LINES;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? Mode.TERMINAL : Mode.LINES;
        } catch (ReflectiveOperationException olderJdk) {
            return Mode.TERMINAL;
        }
    }

    long now() {
        return clock.getAsLong();
    }

    Mode mode() {
        return mode;
    }

    /** A bar started: shown from now on. Called on the thread that makes the call. */
    void add(ProgressBar bar) {
        lock.lock();
        try {
            active.add(bar);
            if (mode == Mode.TERMINAL) {
                redraw(List.of());
            }
            // Lines mode prints a bar's first line at the first tick: a call that ends sooner
            // leaves just its final line in the log.
        } finally {
            lock.unlock();
        }
    }

    /** A bar ended: its final line is printed and stays. */
    void finished(ProgressBar bar) {
        lock.lock();
        try {
            if (!active.remove(bar)) {
                return;
            }
            String last = bar.render(now(), mode == Mode.LINES);
            if (mode == Mode.LINES) {
                out.println(last);
                out.flush();
            } else {
                redraw(List.of(last));
            }
        } finally {
            lock.unlock();
        }
    }

    /** How often waiting threads should {@link #refresh()}: 100 ms in a terminal, 250 ms for lines. */
    long tickNanos() {
        return mode == Mode.TERMINAL ? TERMINAL_TICK_NANOS : LINES_TICK_NANOS;
    }

    /**
     * A {@link #tick()} from a thread waiting for results, skipped when another waiting thread
     * drew less than {@link #tickNanos()} ago.
     */
    void refresh() {
        lock.lock();
        try {
            long now = now();
            if (now - lastRefresh < tickNanos()) {
                return;
            }
            lastRefresh = now;
            tick();
        } finally {
            lock.unlock();
        }
    }

    /** Redraws (terminal) or prints the lines that are due (lines mode). */
    void tick() {
        lock.lock();
        try {
            if (active.isEmpty()) {
                return;
            }
            if (mode == Mode.TERMINAL) {
                redraw(List.of());
                return;
            }
            long now = now();
            for (ProgressBar bar : active) {
                long total = bar.total();
                if (total == 0 || total > 0 && bar.done() >= total) {
                    continue; // complete: its 100 % line is the final one, printed once by finished()
                }
                int step = total > 0 ? (int) Math.min(10, bar.done() * 10 / total) : -1;
                boolean nextStep = step > bar.lastLineStep || !bar.shown;
                boolean stale = now - bar.lastLineNanos >= LINE_INTERVAL_NANOS && bar.done() != bar.lastLineDone;
                if (nextStep || stale) {
                    line(bar, now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Guarded by lock. */
    private void line(ProgressBar bar, long now) {
        long total = bar.total();
        bar.lastLineStep = total > 0 ? (int) Math.min(10, bar.done() * 10 / total) : -1;
        bar.lastLineNanos = now;
        bar.lastLineDone = bar.done();
        bar.shown = true;
        out.println(bar.render(now, true));
        out.flush();
    }

    /** Guarded by lock: moves to the top of the block, prints {@code permanent}, then the live bars. */
    private void redraw(List<String> permanent) {
        long now = now();
        StringBuilder screen = new StringBuilder();
        if (drawnLines > 0) {
            screen.append("\033[").append(drawnLines).append('F');
        }
        for (String line : permanent) {
            screen.append("\033[2K").append(line).append('\n');
        }
        for (ProgressBar bar : active) {
            screen.append("\033[2K").append(bar.render(now, false)).append('\n');
        }
        screen.append("\033[J");
        drawnLines = active.size();
        out.print(screen);
        out.flush();
    }
}
