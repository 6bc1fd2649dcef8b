package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.internal.Progress.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Terminal bars fit the terminal: the bar shrinks first, then the description is cut, and no line
 * is ever wider than the terminal (a wider one wraps, and the next redraw would leave copies).
 * Also the style settings a tqdm user expects: unit, leave, and the stream.
 */
class ProgressWidthTest {
    private final FakeClock clock = new FakeClock();

    private ProgressBar started(String description, ProgressStyle style, long total, long done, int seconds) {
        ProgressDisplay display = new ProgressDisplay(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), clock, ProgressDisplay.Mode.TERMINAL);
        ProgressBar bar = new ProgressBar(description, style, display);
        bar.start(total);
        clock.advanceSeconds(seconds);
        bar.advance((int) done);
        return bar;
    }

    @Test
    void aWideTerminalGetsTheFullBar() {
        ProgressBar bar = started("twenty characters ok", ProgressStyle.DEFAULT, 1000, 420, 2);
        String line = bar.render(clock.getAsLong(), false, 120);
        assertEquals("twenty characters ok:  42%|██████████▌              | 420/1000 [00:02<00:02, 210.00 tasks/s]",
                line);
    }

    @Test
    void theBarShrinksFirst() {
        ProgressBar bar = started("twenty characters ok", ProgressStyle.DEFAULT, 1000, 420, 2);
        assertEquals("twenty characters ok:  42%|█▋  | 420/1000 [00:02<00:02, 210.00 tasks/s]",
                bar.render(clock.getAsLong(), false, 71));
        assertEquals("twenty characters ok:  42% 420/1000 [00:02<00:02, 210.00 tasks/s]",
                bar.render(clock.getAsLong(), false, 67), "no room for one cell: no bar");
    }

    @Test
    void withNoRoomForTheBarTheDescriptionIsCut() {
        ProgressBar bar = started("twenty characters ok", ProgressStyle.DEFAULT, 1000, 420, 2);
        String line = bar.render(clock.getAsLong(), false, 50);
        assertEquals(50, line.length(), line);
        assertEquals("twen…:  42% 420/1000 [00:02<00:02, 210.00 tasks/s]", line);
    }

    @Test
    void aTinyTerminalGetsTheLineCutToItsWidth() {
        ProgressBar bar = started("isPrime", ProgressStyle.DEFAULT, 1000, 420, 2);
        assertEquals(" 42% 420/1000 [00:02<00:", bar.render(clock.getAsLong(), false, 24));
        ProgressBar counter = started("isPrime", ProgressStyle.DEFAULT, -1, 42, 2);
        assertEquals("isP…: 42 tasks [00:02, 21.00 tasks/s]", counter.render(clock.getAsLong(), false, 37));
    }

    @Test
    void everyRedrawnLineFitsTheDisplaysWidth() {
        for (int columns : new int[] {40, 60, 80}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock,
                    ProgressDisplay.Mode.TERMINAL, columns, null);
            ProgressBar a = new ProgressBar("a description of 32 characters!", display);
            ProgressBar b = new ProgressBar("unknown total", display);
            a.start(123_456);
            b.start(-1);
            for (int i = 0; i < 5; i++) {
                clock.advanceSeconds(7);
                a.advance(20_000);
                b.advance(12_345);
                display.tick();
            }
            a.finish(Outcome.FAILED);
            b.finish(Outcome.CANCELLED);
            String text = bytes.toString(StandardCharsets.UTF_8).replaceAll("\033\\[\\d*[A-Za-z]", "");
            for (String line : text.split("\n")) {
                assertTrue(line.length() <= columns, columns + " columns, drew " + line.length() + ": " + line);
            }
        }
    }

    @Test
    void unitNamesWhatIsCountedInCountsAndRates() {
        ProgressStyle files = ProgressStyle.DEFAULT.withUnit("files");
        assertEquals("scan: 42 files [00:02, 21.00 files/s]",
                started("scan", files, -1, 42, 2).render(clock.getAsLong(), true));
        assertEquals("scan: 1 files [00:04, 4.00 s/file]",
                started("scan", files, -1, 1, 4).render(clock.getAsLong(), true));
        assertEquals("? B/s", ProgressBar.rate(0, "B", ProgressStyle.DEFAULT.withUnit("B").singular()));
    }

    @Test
    void leaveFalseClearsTheFinishedBarFromTheTerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock,
                ProgressDisplay.Mode.TERMINAL);
        ProgressBar kept = new ProgressBar("kept", display);
        ProgressBar gone = new ProgressBar("gone", ProgressStyle.DEFAULT.withLeave(false), display);
        kept.start(1);
        gone.start(1);
        kept.advance(1);
        gone.advance(1);
        gone.finish(Outcome.DONE);
        kept.finish(Outcome.DONE);

        List<String> screen = ProgressRoutingTest.render(bytes.toString(StandardCharsets.UTF_8));
        assertEquals(1, screen.size(), screen.toString());
        assertTrue(screen.getFirst().startsWith("kept: 100%"), screen.toString());
    }

    @Test
    void aBarFindsSystemErrWhenItStartsNotWhenTheJvmDid() {
        PrintStream saved = System.err;
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(first, true, StandardCharsets.UTF_8));
            ProgressBar one = new ProgressBar("one", ProgressStyle.DEFAULT, null);
            one.start(1);
            one.advance(1);
            one.finish(Outcome.DONE);
            System.setErr(new PrintStream(second, true, StandardCharsets.UTF_8));
            ProgressBar two = new ProgressBar("two", ProgressStyle.DEFAULT, null);
            two.start(1);
            two.advance(1);
            two.finish(Outcome.DONE);
        } finally {
            System.setErr(saved);
        }
        assertTrue(first.toString(StandardCharsets.UTF_8).startsWith("one: 100%"), first.toString());
        assertTrue(second.toString(StandardCharsets.UTF_8).startsWith("two: 100%"), second.toString());
        assertFalse(first.toString(StandardCharsets.UTF_8).contains("two"));
    }

    @Test
    void aBarGoesToTheStreamOfItsStyleAsPlainLines() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar("logged", ProgressStyle.DEFAULT.withStream(stream), null);
        bar.start(2);
        bar.advance(2);
        bar.finish(Outcome.DONE);

        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("logged: 100%\\|#{25}\\| 2/2 \\[00:00<00:00, [^\\]]+]\\R"),
                "one plain line: a stream that is not stdout/stderr never animates: " + text);
    }

    @Test
    void terminalDevicesAreRecognisedFromProcSelfFd() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertFalse(Terminal.isTerminalDevice("pipe:[57202]"));
        assertFalse(Terminal.isTerminalDevice("/home/me/err.log"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
    }

    @Test
    void columnsFallBackToEighty() {
        assertEquals(132, Terminal.parseColumns("132"));
        assertEquals(80, Terminal.parseColumns(null));
        assertEquals(80, Terminal.parseColumns("wide"));
        assertEquals(80, Terminal.parseColumns("0"));
    }

    @Test
    void theWidthIsAskedAtMostOncePerSecond() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Terminal.Width width = new Terminal.Width(() -> 100 + asked.incrementAndGet());
        long second = Terminal.WIDTH_TTL_NANOS;

        assertEquals(101, width.columns(5 * second));
        assertEquals(101, width.columns(5 * second + second - 1), "a call started within the second: no stty");
        assertEquals(1, asked.get());
        assertEquals(102, width.columns(6 * second), "a second later: asked again, so a resize is seen");
        assertEquals(2, asked.get());
    }

    @Test
    void whetherStderrIsATerminalIsAskedOnce() {
        boolean first = Terminal.isTerminal(2);

        assertEquals(first, Terminal.isTerminal(2));
        assertEquals(Terminal.askIsTerminal(2), first, "the kept answer is the one /proc/self/fd gives");
    }
}
