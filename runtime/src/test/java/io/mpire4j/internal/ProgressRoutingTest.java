package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.internal.Progress.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines the program prints while terminal bars show end up above the bars, as with
 * {@code tqdm.write}: the display routes {@code System.out}/{@code System.err} (here a fake pair)
 * through itself while it has bars, and gives the streams back when the last bar ends.
 */
class ProgressRoutingTest {
    private static final String ERASE_LINE = "\033[2K";
    private static final String ERASE_BELOW = "\033[J";

    /** A fake System.out/System.err: both write to one "screen", as a terminal would show them. */
    private static final class FakeStreams implements StandardStreams {
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final PrintStream originalOut = new PrintStream(screen, true, StandardCharsets.UTF_8);
        final PrintStream originalErr = new PrintStream(screen, true, StandardCharsets.UTF_8);
        PrintStream out = originalOut;
        PrintStream err = originalErr;
        boolean outIsTerminal = true;

        @Override
        public PrintStream out() {
            return out;
        }

        @Override
        public PrintStream err() {
            return err;
        }

        @Override
        public void setOut(PrintStream stream) {
            out = stream;
        }

        @Override
        public void setErr(PrintStream stream) {
            err = stream;
        }

        @Override
        public boolean outIsTerminal() {
            return outIsTerminal;
        }

        String screen() {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private final FakeClock clock = new FakeClock();
    private final FakeStreams streams = new FakeStreams();
    private final ProgressDisplay display = new ProgressDisplay(streams.originalErr, clock,
            ProgressDisplay.Mode.TERMINAL, 80, streams);

    /**
     * What a terminal would show after {@code raw}: interprets the display's escapes (ESC[nF moves up
     * n lines to column 0, ESC[2K erases the line, ESC[J erases below) on a list of lines.
     */
    static List<String> render(String raw) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        int row = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\033') {
                int end = i + 2;
                while (!Character.isLetter(raw.charAt(end))) {
                    end++;
                }
                String arg = raw.substring(i + 2, end);
                char command = raw.charAt(end);
                lines.set(row, current.toString());
                if (command == 'F') {
                    row -= Integer.parseInt(arg);
                    current = new StringBuilder();
                } else if (command == 'K') {
                    current = new StringBuilder();
                } else if (command == 'J') {
                    // erase from the cursor down (the cursor is at column 0 after every move here)
                    lines.subList(row + 1, lines.size()).clear();
                }
                lines.set(row, current.toString());
                i = end;
            } else if (c == '\n') {
                lines.set(row, current.toString());
                row++;
                if (row == lines.size()) {
                    lines.add("");
                }
                current = new StringBuilder(lines.get(row));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        lines.set(row, current.toString());
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    @Test
    void linesPrintedWhileABarShowsStayAboveIt() {
        ProgressBar bar = new ProgressBar("isPrime", display);
        bar.start(4);
        streams.out().println("first line of the program");
        clock.advanceSeconds(1);
        bar.advance(2);
        streams.err().println("a warning on stderr");
        streams.out().print("half a line, ");
        display.tick();
        streams.out().println("then its end");

        List<String> screen = render(streams.screen());
        assertEquals(List.of(
                "first line of the program",
                "a warning on stderr",
                "half a line, then its end",
                "isPrime:  50%|" + "█".repeat(12) + "▌" + " ".repeat(12) + "| 2/4 [00:01<00:01, 2.00 tasks/s]"),
                screen);
    }

    @Test
    void routesTheStandardStreamsOnlyWhileBarsShow() {
        ProgressBar a = new ProgressBar("a", display);
        ProgressBar b = new ProgressBar("b", display);
        a.start(1);
        assertNotSame(streams.originalOut, streams.out(), "stdout is routed while a bar shows");
        assertNotSame(streams.originalErr, streams.err(), "stderr is routed while a bar shows");
        b.start(1);
        a.advance(1);
        a.finish(Outcome.DONE);
        assertNotSame(streams.originalErr, streams.err(), "b still shows");

        streams.out().print("unfinished");
        b.advance(1);
        b.finish(Outcome.DONE);

        assertSame(streams.originalOut, streams.out());
        assertSame(streams.originalErr, streams.err());
        List<String> screen = render(streams.screen());
        assertEquals("unfinished", screen.getLast(), "an unfinished line is printed when the bars are gone");
        assertTrue(screen.get(0).startsWith("a: 100%"), screen.toString());
        assertTrue(screen.get(1).startsWith("b: 100%"), screen.toString());
    }

    @Test
    void aStreamTakenWhileBarsShowedWritesStraightThroughAfterwards() {
        ProgressBar bar = new ProgressBar("a", display);
        bar.start(1);
        PrintStream takenByALogger = streams.out();
        bar.finish(Outcome.DONE);
        int before = streams.screen().length();

        takenByALogger.print("no newline yet");

        assertEquals("no newline yet", streams.screen().substring(before), "not held back waiting for a newline");
    }

    @Test
    void aStreamTheProgramReplacedMeanwhileStaysReplaced() {
        ProgressBar bar = new ProgressBar("a", display);
        bar.start(1);
        PrintStream mine = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        streams.setErr(mine);
        bar.finish(Outcome.DONE);

        assertSame(mine, streams.err());
        assertSame(streams.originalOut, streams.out());
    }

    @Test
    void stdoutThatIsNotTheTerminalIsLeftAlone() {
        streams.outIsTerminal = false;
        ProgressBar bar = new ProgressBar("a", display);
        bar.start(1);

        assertSame(streams.originalOut, streams.out(), "> out.log: stdout lines never meet the bars");
        assertNotSame(streams.originalErr, streams.err());
        bar.finish(Outcome.DONE);
        assertSame(streams.originalErr, streams.err());
    }

    @Test
    void linesFromManyThreadsStayWholeAndAboveTheBar() throws InterruptedException {
        ProgressBar bar = new ProgressBar("busy", display);
        bar.start(400);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    (id % 2 == 0 ? streams.out() : streams.err()).println("thread " + id + " line " + i);
                    bar.advance(1);
                    if (i % 10 == 0) {
                        display.tick();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        display.tick();

        List<String> screen = render(streams.screen());
        assertEquals(401, screen.size(), "400 lines and the bar: " + screen.subList(0, Math.min(5, screen.size())));
        for (String line : screen.subList(0, 400)) {
            assertTrue(line.matches("thread \\d line \\d+"), "a torn or misplaced line: " + line);
        }
        assertTrue(screen.getLast().startsWith("busy: 100%"), screen.getLast());
    }

    @Test
    void childJvmLinesForwardedWhileABarShowsGoAboveItToo() throws Exception {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(screen, true, StandardCharsets.UTF_8);
        StandardStreams system = StandardStreams.jvm(() -> true); // stdout counts as the terminal
        try {
            System.setOut(terminal);
            System.setErr(terminal);
            ProgressDisplay real = new ProgressDisplay(terminal, clock, ProgressDisplay.Mode.TERMINAL, 80, system);
            ProgressBar bar = new ProgressBar("children", real);
            bar.start(2);
            Process child = new ProcessBuilder("true").start(); // stands in for a child JVM that wrote these lines
            child.waitFor();
            OutputForwarder.start(child, new java.io.ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)),
                    3, false, line -> false).join();
            OutputForwarder.start(child, new java.io.ByteArrayInputStream("oops\n".getBytes(StandardCharsets.UTF_8)),
                    3, true, line -> false).join();
            bar.advance(1);
            real.tick();

            List<String> lines = render(screen.toString(StandardCharsets.UTF_8));
            assertEquals(List.of("[worker-3] hello", "[worker-3] world", "[worker-3] oops"), lines.subList(0, 3));
            assertTrue(lines.get(3).startsWith("children:  50%"), lines.toString());
            assertEquals(4, lines.size(), lines.toString());
            bar.finish(Outcome.CANCELLED);
            assertSame(terminal, System.out, "the streams come back when the bar ends");
            assertSame(terminal, System.err);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void everyWriteWhileBarsShowErasesTheBlockFirst() {
        new ProgressBar("a", display).start(10);
        int before = streams.screen().length();
        streams.out().println("hello");

        String written = streams.screen().substring(before);
        assertTrue(written.startsWith("\033[1F" + ERASE_BELOW + "hello\n" + ERASE_LINE + "a:"),
                written.replace("\033", "ESC"));
    }
}
