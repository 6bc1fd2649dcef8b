package io.mpire4j.internal;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the progress display needs to know about the terminal: whether a standard stream is one,
 * and how wide it is. Thread-safe. A display asks when its first bar starts, which is every call
 * that shows a bar while no other bar shows, so the answers are kept: whether stdout and stderr
 * are terminals for the life of the JVM (a Java program cannot point its file descriptors 1 and 2
 * elsewhere), the width for {@link #WIDTH_TTL_NANOS}, so that a loop of short calls asks
 * {@code stty} (about 5 ms) once per second rather than once per call, and a resized terminal is
 * seen by the bars of the calls that start a second later.
 */
final class Terminal {
    /** The width when no query answers. */
    static final int DEFAULT_COLUMNS = 80;
    /** How long a width that {@code stty} reported is used before it is asked again. */
    static final long WIDTH_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Whether fd 1 / fd 2 is a terminal: null until first asked. */
    private static volatile Boolean stdoutIsTerminal;
    private static volatile Boolean stderrIsTerminal;
    /** The widths the displays use. */
    private static final Width WIDTH = new Width(Terminal::askColumns);

    private Terminal() {}

    /**
     * Whether file descriptor {@code fd} (1 stdout, 2 stderr) is a terminal, asked once per JVM
     * ({@link #askIsTerminal}).
     */
    static boolean isTerminal(int fd) {
        if (fd == 1 || fd == 2) {
            Boolean known = fd == 1 ? stdoutIsTerminal : stderrIsTerminal;
            if (known == null) {
                known = askIsTerminal(fd); // a race asks twice and gets the same answer
                if (fd == 1) {
                    stdoutIsTerminal = known;
                } else {
                    stderrIsTerminal = known;
                }
            }
            return known;
        }
        return askIsTerminal(fd);
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. On Linux the answer is where
     * {@code /proc/self/fd/<fd>} points (a {@code /dev/pts/N} or {@code /dev/tty*} device);
     * elsewhere it falls back to {@link System#console()}, which reflects stdin and stdout only.
     */
    static boolean askIsTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            return isTerminalDevice(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
            return consoleIsTerminal();
        }
    }

    /** Whether a file descriptor's target, as {@code /proc/self/fd} names it, is a terminal device. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    /** The terminal's width in columns, asked at most once per {@link #WIDTH_TTL_NANOS}. */
    static int columns() {
        return WIDTH.columns(System.nanoTime());
    }

    /** A width asked of the terminal and kept for {@link #WIDTH_TTL_NANOS}. Thread-safe. */
    static final class Width {
        private final java.util.function.IntSupplier ask;
        /** Guarded by this. */
        private int columns;
        private long askedAt;

        Width(java.util.function.IntSupplier ask) {
            this.ask = ask;
        }

        synchronized int columns(long now) {
            if (columns == 0 || now - askedAt >= WIDTH_TTL_NANOS) {
                columns = ask.getAsInt();
                askedAt = now;
            }
            return columns;
        }
    }

    /**
     * The terminal's width in columns: {@code stty size < /dev/tty} (a few milliseconds), else
     * {@code $COLUMNS}, else {@value #DEFAULT_COLUMNS}.
     */
    static int askColumns() {
        int asked = stty();
        if (asked > 0) {
            return asked;
        }
        return parseColumns(System.getenv("COLUMNS"));
    }

    /** {@code $COLUMNS} as a width, or {@value #DEFAULT_COLUMNS} when it is missing or not a positive number. */
    static int parseColumns(String value) {
        if (value != null) {
            try {
                int columns = Integer.parseInt(value.trim());
                if (columns > 0) {
                    return columns;
                }
            } catch (NumberFormatException notANumber) {
                // fall through
            }
        }
        return DEFAULT_COLUMNS;
    }

    /** The width {@code stty size} reports for the controlling terminal, or 0. */
    private static int stty() {
        File tty = new File("/dev/tty");
        if (File.separatorChar != '/' || !tty.exists()) {
            return 0;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer;
            try (InputStream in = stty.getInputStream()) {
                answer = new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim();
            }
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return 0;
            }
            String[] rowsColumns = answer.split("\\s+");
            return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
