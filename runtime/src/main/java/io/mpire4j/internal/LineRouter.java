package io.mpire4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Stands in for {@code System.out} or {@code System.err} while terminal progress bars show: the
 * bytes written to {@link #stream()} are cut into lines, and each complete line is printed on the
 * original stream above the bars ({@link ProgressDisplay#printAbove}). Thread-safe: every write
 * goes through the display's lock, which also guards {@link #pending()}.
 */
final class LineRouter extends OutputStream {
    /** The stream installed in place of the original; {@link #original()} unwraps it. */
    static final class Routed extends PrintStream {
        private final PrintStream original;

        Routed(LineRouter router, PrintStream original) {
            super(router, true, original.charset());
            this.original = original;
        }

        PrintStream original() {
            return original;
        }
    }

    private final ProgressDisplay display;
    private final PrintStream original;
    private final Routed stream;
    /** Guarded by the display's lock: the start of a line whose end has not been written yet. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineRouter(ProgressDisplay display, PrintStream original) {
        this.display = display;
        this.original = original;
        this.stream = new Routed(this, original);
    }

    PrintStream stream() {
        return stream;
    }

    PrintStream original() {
        return original;
    }

    ByteArrayOutputStream pending() {
        return pending;
    }

    /**
     * Guarded by the display's lock: the bars are gone. A program (a logger, say) that took this
     * stream while they showed keeps writing straight through to the original.
     */
    private boolean detached;

    boolean detached() {
        return detached;
    }

    /** Called under the display's lock when the bars are gone: prints an unfinished line as it is. */
    void drain() {
        detached = true;
        if (pending.size() > 0) {
            byte[] rest = pending.toByteArray();
            pending.reset();
            original.write(rest, 0, rest.length);
            original.flush();
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        if (len > 0) {
            display.printAbove(this, bytes, off, len);
        }
    }
}
