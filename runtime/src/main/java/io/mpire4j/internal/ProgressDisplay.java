package io.mpire4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Draws every running progress bar of the JVM on one stream, so that concurrent calls (or a pool
 * used inside another pool's task) never garble each other.
 *
 * <p>In a terminal the bars form a block at the bottom that is redrawn in place about every 100 ms,
 * no line wider than the terminal; a finished bar's last line is printed above the block and stays
 * (unless its style says not to {@linkplain ProgressStyle#leave() leave} it). While the block is
 * shown, {@code System.out} and {@code System.err} are replaced by {@link LineRouter}s that print
 * every complete line above the block, as {@code tqdm.write} does; the originals come back when the
 * last bar ends. Elsewhere (CI, a redirected stream) each bar prints plain lines: one at the first
 * tick (a call that ends sooner prints only its final line), one per 10 % step reached, one every
 * 5 s while it moves without reaching a step (unknown totals), and its final state.
 *
 * <p>One display per stream at a time: {@link #attach} finds the display of a bar's stream or
 * makes one, deciding its mode and width then; the display is dropped when its last bar ends.
 *
 * <p>No thread of its own: the threads waiting for a call's results redraw while they wait
 * ({@link #refresh()}, at most once per {@link #tickNanos()} however many calls wait), so a bar
 * costs a call no thread; in a terminal, the first bar on a display may ask {@code stty} for the
 * width (about 5 ms, at most once a second: {@link Terminal#columns()}). Thread-safe; every write happens under {@link #lock}, which comes after
 * {@code REGISTRY} and before nothing else.
 * Tests build one with their own stream and clock and call {@link #tick()} themselves.
 */
final class ProgressDisplay {
    enum Mode { TERMINAL, LINES }

    static final long TERMINAL_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long LINES_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Taken before any display's {@link #lock}, never after it. */
    private static final Object REGISTRY = new Object();
    /** Guarded by REGISTRY: the displays that have bars, by the stream they draw on (identity). */
    private static final Map<PrintStream, ProgressDisplay> ACTIVE = new IdentityHashMap<>();

    private final PrintStream out;
    private final LongSupplier clock;
    private final Mode mode;
    private final int columns;
    /** The streams to route while terminal bars show; null: leave them alone. */
    private final StandardStreams streams;

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final List<ProgressBar> active = new ArrayList<>();
    /** Guarded by lock: lines of the terminal block now on screen. */
    private int drawnLines;
    /** Guarded by lock: when {@link #refresh()} last drew. */
    private long lastRefresh;
    /** Guarded by lock: the routers installed while terminal bars show. */
    private LineRouter outRouter;
    private LineRouter errRouter;

    /** A display {@value Terminal#DEFAULT_COLUMNS} columns wide that leaves the standard streams alone. */
    ProgressDisplay(PrintStream out, LongSupplier clock, Mode mode) {
        this(out, clock, mode, Terminal.DEFAULT_COLUMNS, null);
    }

    /**
     * A display on {@code out}; in terminal mode its lines are at most {@code columns} wide and, if
     * {@code streams} is not null, lines printed on them while bars show go above the bars.
     */
    ProgressDisplay(PrintStream out, LongSupplier clock, Mode mode, int columns, StandardStreams streams) {
        this.out = out;
        this.clock = clock;
        this.mode = mode;
        this.columns = columns;
        this.streams = streams;
    }

    /**
     * Starts {@code bar} on the display of {@code requested}, or of {@code System.err} as it is now
     * when that is null: the display already drawing there, or a new one whose mode and width are
     * decided now. Called on the thread that starts the call.
     */
    static void attach(ProgressBar bar, PrintStream requested) {
        synchronized (REGISTRY) {
            PrintStream target = requested != null ? requested : System.err;
            if (target instanceof LineRouter.Routed routed) {
                target = routed.original(); // bars already show: the stream under the router
            }
            ProgressDisplay display = ACTIVE.get(target);
            if (display == null) {
                int fd = fileDescriptor(target);
                Mode mode = detectMode(fd);
                // Only bars on the JVM's own stdout/stderr share the screen with what the program prints.
                StandardStreams route = mode == Mode.TERMINAL && fd > 0 ? StandardStreams.SYSTEM : null;
                display = mode == Mode.TERMINAL
                        ? new ProgressDisplay(target, System::nanoTime, mode, Terminal.columns(), route)
                        : new ProgressDisplay(target, System::nanoTime, mode, Integer.MAX_VALUE, null);
                ACTIVE.put(target, display);
            }
            bar.begin(display);
        }
    }

    /** 2 for {@code System.err}, 1 for {@code System.out}, -1 for any other stream. */
    private static int fileDescriptor(PrintStream stream) {
        return stream == System.err ? 2 : stream == System.out ? 1 : -1;
    }

    /**
     * {@code -Dmpire4j.progress=lines|terminal} decides; otherwise lines on CI, on a dumb terminal,
     * or when file descriptor {@code fd} (2: stderr, where bars go by default) is not a terminal;
     * a stream that is neither stdout nor stderr ({@code fd} -1) gets lines.
     */
    static Mode detectMode(int fd) {
        String forced = System.getProperty("mpire4j.progress", "");
        if (forced.equalsIgnoreCase("lines")) {
            return Mode.LINES;
        }
        if (forced.equalsIgnoreCase("terminal")) {
            return Mode.TERMINAL;
        }
        if (fd < 0 || System.getenv("CI") != null || "dumb".equals(System.getenv("TERM"))) {
            return Mode.LINES;
        }
        return Terminal.isTerminal(fd) ? Mode.TERMINAL : Mode.LINES;
    }

    long now() {
        return clock.getAsLong();
    }

    /** A bar started: shown from now on. Called on the thread that makes the call. */
    void add(ProgressBar bar) {
        lock.lock();
        try {
            active.add(bar);
            if (mode == Mode.TERMINAL) {
                if (active.size() == 1 && streams != null) {
                    route();
                }
                redraw(List.of());
            }
            // Lines mode prints a bar's first line at the first tick: a call that ends sooner
            // leaves just its final line in the log.
        } finally {
            lock.unlock();
        }
    }

    /**
     * A bar ended: its final line is printed and stays (in a terminal, unless the bar is not to be
     * left). The last bar to end restores the standard streams and retires the display.
     */
    void finished(ProgressBar bar) {
        synchronized (REGISTRY) {
            lock.lock();
            try {
                if (!active.remove(bar)) {
                    return;
                }
                if (mode == Mode.LINES) {
                    out.println(bar.render(now(), true));
                    out.flush();
                } else {
                    redraw(bar.style().leave() ? List.of(bar.render(now(), false, columns)) : List.of());
                }
                if (active.isEmpty()) {
                    unroute();
                    ACTIVE.remove(out, this);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Guarded by lock: puts line routers on the standard streams. */
    private void route() {
        errRouter = new LineRouter(this, streams.err());
        streams.setErr(errRouter.stream());
        if (streams.outIsTerminal()) {
            outRouter = new LineRouter(this, streams.out());
            streams.setOut(outRouter.stream());
        }
    }

    /**
     * Guarded by lock: gives the standard streams back (unless the program replaced a router
     * meanwhile) and prints what a router held of an unfinished line.
     */
    private void unroute() {
        if (errRouter != null) {
            errRouter.drain();
            if (streams.err() == errRouter.stream()) {
                streams.setErr(errRouter.original());
            }
            errRouter = null;
        }
        if (outRouter != null) {
            outRouter.drain();
            if (streams.out() == outRouter.stream()) {
                streams.setOut(outRouter.original());
            }
            outRouter = null;
        }
    }

    /**
     * Bytes written to a router: complete lines go to its original stream above the bars, which
     * are then redrawn; an unfinished line waits in the router for its end.
     */
    void printAbove(LineRouter router, byte[] bytes, int off, int len) {
        lock.lock();
        try {
            if (router.detached()) {
                router.original().write(bytes, off, len);
                return;
            }
            ByteArrayOutputStream pending = router.pending();
            int lastNewline = -1;
            for (int i = off + len - 1; i >= off; i--) {
                if (bytes[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline < 0) {
                pending.write(bytes, off, len);
                return;
            }
            boolean block = drawnLines > 0;
            if (block) {
                out.print("\033[" + drawnLines + "F\033[J");
                out.flush();
                drawnLines = 0;
            }
            PrintStream original = router.original();
            byte[] before = pending.toByteArray();
            pending.reset();
            original.write(before, 0, before.length);
            original.write(bytes, off, lastNewline + 1 - off);
            original.flush();
            pending.write(bytes, lastNewline + 1, off + len - lastNewline - 1);
            if (!active.isEmpty()) {
                redraw(List.of());
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
            screen.append("\033[2K").append(bar.render(now, false, columns)).append('\n');
        }
        screen.append("\033[J");
        drawnLines = active.size();
        out.print(screen);
        out.flush();
    }
}
