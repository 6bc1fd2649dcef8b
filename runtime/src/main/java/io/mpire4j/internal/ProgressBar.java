package io.mpire4j.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress of one call, drawn by a {@link ProgressDisplay}. Workers add finished tasks per chunk
 * ({@link #advance}, a {@link LongAdder}: no contention, no lock); the display reads the count when
 * the thread waiting for the call's results redraws, so drawing never slows the work down.
 *
 * <p>The line follows tqdm: {@code isPrime:  42%|██████▎         | 42/100 [00:01<00:02, 40.12 tasks/s]};
 * with an unknown total, {@code isPrime: 42 tasks [00:01, 40.12 tasks/s]}; a failed or cancelled call
 * ends with {@code FAILED}, {@code CANCELLED} or (the JVM shut down under it) {@code INTERRUPTED}
 * after the numbers it reached. Its
 * {@link ProgressStyle} names the unit ({@code tasks}); in a terminal the line is cut to the
 * display's width ({@link #render(long, boolean, int)}).
 */
final class ProgressBar implements Progress {
    static final int BAR_WIDTH = 25;
    private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};

    private final String description;
    private final ProgressStyle style;
    /** Fixed at construction (tests), or found when the bar starts. */
    private volatile ProgressDisplay display;
    private final LongAdder done = new LongAdder();
    private volatile long total = -1;
    private volatile long startNanos;
    private volatile long endNanos;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();

    /** Line-mode throttling state: touched only by the display, under its lock. */
    long lastLineNanos;
    int lastLineStep = -1;
    long lastLineDone;
    boolean shown;

    /** A bar on {@code display}, in the default style. */
    ProgressBar(String description, ProgressDisplay display) {
        this(description, ProgressStyle.DEFAULT, display);
    }

    /**
     * A bar on {@code display}, or with {@code display} null on the display of
     * {@code style.stream()} (or of {@code System.err}) as it is when the bar starts.
     */
    ProgressBar(String description, ProgressStyle style, ProgressDisplay display) {
        this.description = description;
        this.style = style;
        this.display = display;
    }

    @Override
    public void start(long total) {
        this.total = total;
        if (display == null) {
            ProgressDisplay.attach(this, style.stream());
        } else {
            begin(display);
        }
    }

    /** Shows this bar on {@code on} from now: called once, by {@link #start} or {@link ProgressDisplay#attach}. */
    void begin(ProgressDisplay on) {
        this.display = on;
        this.startNanos = on.now();
        on.add(this);
    }

    ProgressStyle style() {
        return style;
    }

    @Override
    public void advance(int tasks) {
        done.add(tasks);
    }

    @Override
    public void finish(Outcome how) {
        if (display != null && outcome.compareAndSet(null, how)) {
            endNanos = display.now();
            if (how == Outcome.DONE && total < 0) {
                total = done.sum();
            }
            display.finished(this);
        }
    }

    @Override
    public long refreshNanos() {
        ProgressDisplay on = display;
        return on == null ? 0 : on.tickNanos();
    }

    @Override
    public void refresh() {
        ProgressDisplay on = display;
        if (on != null) {
            on.refresh();
        }
    }

    long done() {
        return done.sum();
    }

    long total() {
        return total;
    }

    Outcome outcome() {
        return outcome.get();
    }

    /** The bar's line at {@code now}; {@code ascii} draws the bar with '#' for plain logs. */
    String render(long now, boolean ascii) {
        return render(now, ascii, Integer.MAX_VALUE);
    }

    /**
     * The bar's line at {@code now}, at most {@code columns} characters: the bar shrinks first (down
     * to one cell, then it goes), then the description is cut, then the line.
     */
    String render(long now, boolean ascii, int columns) {
        long n = done.sum();
        long t = total;
        Outcome end = outcome.get();
        long elapsedNanos = Math.max(0, (end == null ? now : endNanos) - startNanos);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? n / seconds : 0;
        String unit = style.unit();
        String meter = "";
        StringBuilder stats = new StringBuilder();
        if (t >= 0) {
            int percent = (int) Math.floor(fraction(n, t) * 100);
            meter = (percent < 10 ? "  " : percent < 100 ? " " : "") + percent + "%";
            stats.append(' ').append(n).append('/').append(t).append(" [").append(clock(seconds)).append('<');
            if (end == null && n > 0 && n < t && rate > 0) {
                stats.append(clock((t - n) / rate));
            } else if (n >= t) {
                stats.append(clock(0));
            } else {
                stats.append('?');
            }
        } else {
            stats.append(n).append(' ').append(unit).append(" [").append(clock(seconds));
        }
        stats.append(", ").append(rate(rate, unit, style.singular())).append(']');
        if (end == Outcome.FAILED) {
            stats.append(" FAILED");
        } else if (end == Outcome.CANCELLED) {
            stats.append(" CANCELLED");
        } else if (end == Outcome.INTERRUPTED) {
            stats.append(" INTERRUPTED");
        }
        String head = description + ": ";
        StringBuilder out = new StringBuilder(columns == Integer.MAX_VALUE ? 96 : columns + 8);
        if (t >= 0) {
            // "head" + meter + "|" + cells + "|" + stats
            long cells = Math.min(BAR_WIDTH, (long) columns - head.length() - meter.length() - 2 - stats.length());
            out.append(meter);
            if (cells >= 1) {
                out.append('|');
                appendBar(out, fraction(n, t), ascii, (int) cells);
                out.append('|');
            }
        }
        out.append(stats);
        int room = columns - out.length();
        if (head.length() > room) {
            head = room >= 4 ? description.substring(0, room - 3) + "…: " : "";
        }
        out.insert(0, head);
        if (out.length() > columns) {
            out.setLength(columns);
        }
        return out.toString();
    }

    private static double fraction(long n, long t) {
        return t == 0 ? 1 : Math.min(1, (double) n / t);
    }

    private static void appendBar(StringBuilder out, double fraction, boolean ascii, int cells) {
        int eighths = (int) Math.floor(fraction * cells * 8);
        int full = eighths / 8;
        for (int i = 0; i < cells; i++) {
            if (i < full) {
                out.append(ascii ? '#' : '█');
            } else if (i == full && !ascii && eighths % 8 > 0) {
                out.append(EIGHTHS[eighths % 8]);
            } else {
                out.append(ascii ? '.' : ' ');
            }
        }
    }

    /** {@code MM:SS}, or {@code H:MM:SS} from an hour on. */
    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        if (s >= 3600) {
            return s / 3600 + ":" + twoDigits(s / 60 % 60) + ":" + twoDigits(s % 60);
        }
        return twoDigits(s / 60) + ":" + twoDigits(s % 60);
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /**
     * {@code v} rounded half-up to 1 or 2 decimals, as {@code %.1f}/{@code %.2f} would print it,
     * without {@link String#format}: a bar is drawn a few times per call, and mostly by code the JIT
     * has not compiled yet, where {@code Formatter} is slow.
     */
    static String fixed(double v, int decimals) {
        long scale = decimals == 1 ? 10 : 100;
        long r = Math.round(v * scale);
        String fraction = Long.toString(r % scale);
        return r / scale + "." + "0".repeat(decimals - fraction.length()) + fraction;
    }

    static String rate(double perSecond) {
        return rate(perSecond, "tasks", "task");
    }

    /** The rate in {@code units}/s, or in s/{@code one} when under one per second. */
    static String rate(double perSecond, String units, String one) {
        if (perSecond == 0) {
            return "? " + units + "/s";
        }
        if (perSecond < 1) {
            return fixed(1 / perSecond, 2) + " s/" + one;
        }
        // Thresholds sit where the smaller unit would round up to four digits (999.95k -> 1.00M).
        if (perSecond >= 999_950) {
            return fixed(perSecond / 1e6, 2) + "M " + units + "/s";
        }
        if (perSecond >= 9_999.995) {
            return fixed(perSecond / 1e3, 1) + "k " + units + "/s";
        }
        return fixed(perSecond, 2) + " " + units + "/s";
    }
}
