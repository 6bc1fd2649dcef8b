package io.mpire4j.internal;

import java.io.PrintStream;
import java.util.Objects;

/**
 * How a call's progress bar looks and where it goes, as tqdm's {@code unit}, {@code leave} and
 * {@code file}: the unit counted (plural, {@code "tasks"} by default), whether a finished bar stays
 * on a terminal, and the stream ({@code null}: {@code System.err} as it is when the bar starts).
 */
record ProgressStyle(String unit, boolean leave, PrintStream stream) {
    static final ProgressStyle DEFAULT = new ProgressStyle("tasks", true, null);

    ProgressStyle {
        Objects.requireNonNull(unit, "unit");
    }

    ProgressStyle withUnit(String value) {
        return new ProgressStyle(value, leave, stream);
    }

    ProgressStyle withLeave(boolean value) {
        return new ProgressStyle(unit, value, stream);
    }

    ProgressStyle withStream(PrintStream value) {
        return new ProgressStyle(unit, leave, value);
    }

    /** The unit after {@code s/} in a slow rate: one of them, so {@code "files"} gives {@code "s/file"}. */
    String singular() {
        return unit.length() > 1 && unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }
}
