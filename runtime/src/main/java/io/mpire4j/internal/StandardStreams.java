package io.mpire4j.internal;

import java.io.PrintStream;

/**
 * {@code System.out} and {@code System.err}, behind an interface so that a test can hand a progress
 * display its own pair. A terminal display installs line routers on them while its bars are drawn.
 */
interface StandardStreams {
    /** The JVM's own: {@link System#out}, {@link System#err}, and whether stdout is a terminal. */
    StandardStreams SYSTEM = jvm(() -> Terminal.isTerminal(1));

    /** The JVM's own streams, with {@code outIsTerminal} deciding whether stdout counts as a terminal (tests fake it). */
    static StandardStreams jvm(java.util.function.BooleanSupplier outIsTerminal) {
        return new StandardStreams() {
            @Override
            public PrintStream out() {
                return System.out;
            }

            @Override
            public PrintStream err() {
                return System.err;
            }

            @Override
            public void setOut(PrintStream stream) {
                System.setOut(stream);
            }

            @Override
            public void setErr(PrintStream stream) {
                System.setErr(stream);
            }

            @Override
            public boolean outIsTerminal() {
                return outIsTerminal.getAsBoolean();
            }
        };
    }

    PrintStream out();

    PrintStream err();

    void setOut(PrintStream stream);

    void setErr(PrintStream stream);

    /** Whether lines printed on {@link #out()} reach the terminal the bars are drawn on. */
    boolean outIsTerminal();
}
