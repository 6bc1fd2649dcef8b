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
 * ends with {@code FAILED} or {@code CANCELLED} after the numbers it reached.
 */
final class ProgressBar implements Progress {
    static final int BAR_WIDTH = 25;
    private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};

    private final String description;
    private final ProgressDisplay display;
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

    ProgressBar(String description, ProgressDisplay display) {
        this.description = description;
        this.display = display;
    }

    @Override
    public void start(long total) {
        this.total = total;
        this.startNanos = display.now();
        display.add(this);
    }

    @Override
    public void advance(int tasks) {
        done.add(tasks);
    }

    @Override
    public void finish(Outcome how) {
        if (outcome.compareAndSet(null, how)) {
            endNanos = display.now();
            if (how == Outcome.DONE && total < 0) {
                total = done.sum();
            }
            display.finished(this);
        }
    }

    @Override
    public long refreshNanos() {
        return display.tickNanos();
    }

    @Override
    public void refresh() {
        display.refresh();
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
        long n = done.sum();
        long t = total;
        Outcome end = outcome.get();
        long elapsedNanos = Math.max(0, (end == null ? now : endNanos) - startNanos);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? n / seconds : 0;
        StringBuilder out = new StringBuilder(description).append(": ");
        if (t >= 0) {
            double fraction = t == 0 ? 1 : Math.min(1, (double) n / t);
            int percent = (int) Math.floor(fraction * 100);
            out.append(percent < 10 ? "  " : percent < 100 ? " " : "").append(percent).append("%|");
            appendBar(out, fraction, ascii);
            out.append("| ").append(n).append('/').append(t).append(" [").append(clock(seconds)).append('<');
            if (end == null && n > 0 && n < t && rate > 0) {
                out.append(clock((t - n) / rate));
            } else if (n >= t) {
                out.append(clock(0));
            } else {
                out.append('?');
            }
        } else {
            out.append(n).append(" tasks [").append(clock(seconds));
        }
        out.append(", ").append(rate(rate)).append(']');
        if (end == Outcome.FAILED) {
            out.append(" FAILED");
        } else if (end == Outcome.CANCELLED) {
            out.append(" CANCELLED");
        }
        return out.toString();
    }

    private static void appendBar(StringBuilder out, double fraction, boolean ascii) {
        int eighths = (int) Math.floor(fraction * BAR_WIDTH * 8);
        int full = eighths / 8;
        for (int i = 0; i < BAR_WIDTH; i++) {
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
        if (perSecond == 0) {
            return "? tasks/s";
        }
        if (perSecond < 1) {
            return fixed(1 / perSecond, 2) + " s/task";
        }
        // Thresholds sit where the smaller unit would round up to four digits (999.95k -> 1.00M).
        if (perSecond >= 999_950) {
            return fixed(perSecond / 1e6, 2) + "M tasks/s";
        }
        if (perSecond >= 9_999.995) {
            return fixed(perSecond / 1e3, 1) + "k tasks/s";
        }
        return fixed(perSecond, 2) + " tasks/s";
    }
}
