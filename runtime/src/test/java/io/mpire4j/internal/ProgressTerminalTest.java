package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.internal.Progress.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The terminal renderer: a block of live bars at the bottom, redrawn in place with ANSI cursor
 * movement, finished bars printed above it. Driven with a hand-moved clock and explicit ticks.
 */
class ProgressTerminalTest {
    private static final String ERASE_LINE = "\033[2K";
    private static final String ERASE_BELOW = "\033[J";

    private final FakeClock clock = new FakeClock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressDisplay display = new ProgressDisplay(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, ProgressDisplay.Mode.TERMINAL);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The output since the last call. */
    private int seen;

    private String fresh() {
        String all = output();
        String out = all.substring(seen);
        seen = all.length();
        return out;
    }

    private static String up(int lines) {
        return "\033[" + lines + "F";
    }

    private static String blank(int cells) {
        return " ".repeat(cells);
    }

    @Test
    void addDrawsTheBarLine() {
        new ProgressBar("isPrime", display).start(100);

        assertEquals(ERASE_LINE + "isPrime:   0%|" + blank(25) + "| 0/100 [00:00<?, ? tasks/s]\n" + ERASE_BELOW,
                output());
    }

    @Test
    void tickRedrawsInPlaceMovingUpByTheNumberOfActiveBars() {
        ProgressBar a = new ProgressBar("a", display);
        ProgressBar b = new ProgressBar("b", display);
        a.start(100);
        assertFalse(fresh().contains("\033["  + "1F"), "nothing drawn before the first bar: no move up");
        b.start(-1);
        assertTrue(fresh().startsWith(up(1) + ERASE_LINE), "the second bar redraws the one-line block");

        clock.advanceSeconds(2);
        a.advance(50);
        b.advance(7);
        display.tick();

        assertEquals(up(2)
                + ERASE_LINE + "a:  50%|" + "█".repeat(12) + "▌" + blank(12)
                + "| 50/100 [00:02<00:02, 25.00 tasks/s]\n"
                + ERASE_LINE + "b: 7 tasks [00:02, 3.50 tasks/s]\n"
                + ERASE_BELOW, fresh());

        display.tick();
        assertTrue(fresh().startsWith(up(2)), "every tick redraws the whole block");
    }

    @Test
    void finishingOneOfTwoBarsPrintsItsFinalLineAboveTheRemainingBlock() {
        ProgressBar a = new ProgressBar("a", display);
        ProgressBar b = new ProgressBar("b", display);
        a.start(4);
        b.start(10);
        fresh();

        clock.advanceSeconds(1);
        a.advance(4);
        b.advance(1);
        a.finish(Outcome.DONE);

        assertEquals(up(2)
                + ERASE_LINE + "a: 100%|" + "█".repeat(25) + "| 4/4 [00:01<00:00, 4.00 tasks/s]\n"
                + ERASE_LINE + "b:  10%|██▌" + blank(22) + "| 1/10 [00:01<00:09, 1.00 tasks/s]\n"
                + ERASE_BELOW, fresh());

        display.tick();
        assertTrue(fresh().startsWith(up(1) + ERASE_LINE + "b:  10%"),
                "a's line stays; the live block is now b alone");

        b.finish(Outcome.FAILED);
        assertEquals(up(1) + ERASE_LINE + "b:  10%|██▌" + blank(22) + "| 1/10 [00:01<?, 1.00 tasks/s] FAILED\n"
                + ERASE_BELOW, fresh());

        display.tick();
        assertEquals("", fresh(), "no live bar: nothing to redraw");

        new ProgressBar("c", display).start(1);
        assertTrue(fresh().startsWith(ERASE_LINE + "c:"), "a new block starts below the finished lines, no move up");
    }

    @Test
    void everyLineIsWrittenWithTheEraseLinePrefix() {
        ProgressBar a = new ProgressBar("a", display);
        ProgressBar b = new ProgressBar("b", display);
        ProgressBar c = new ProgressBar("c", display);
        a.start(100);
        b.start(-1);
        for (int second = 1; second <= 5; second++) {
            clock.advanceSeconds(1);
            a.advance(10);
            b.advance(3);
            display.tick();
            if (second == 2) {
                c.start(0);
            }
            if (second == 3) {
                c.finish(Outcome.DONE);
            }
        }
        b.finish(Outcome.CANCELLED);
        a.finish(Outcome.FAILED);
        b.finish(Outcome.DONE);

        String withoutCursorMoves = output().replaceAll("\033\\[\\d+F", "").replace(ERASE_BELOW, "");
        String[] lines = withoutCursorMoves.split("\n");
        assertTrue(lines.length > 10, "redrawn several times: " + lines.length);
        for (String line : lines) {
            assertTrue(line.startsWith(ERASE_LINE), "written without erasing first: " + line.replace("\033", "ESC"));
            assertFalse(line.substring(ERASE_LINE.length()).contains("\033"), "one escape per line: "
                    + line.replace("\033", "ESC"));
            assertFalse(line.contains("\r"), "no carriage returns: a block redraw moves the cursor instead");
        }
        assertTrue(output().endsWith(ERASE_BELOW), "the last redraw clears what was below the block");
    }

    /** The rendered line up to the bar's closing '|'. */
    private String cells(ProgressBar bar) {
        String line = bar.render(clock.getAsLong(), false);
        return line.substring(0, line.indexOf('|', line.indexOf('|') + 1) + 1);
    }

    @Test
    void terminalBarUsesUnicodeBlocksWithEighths() {
        ProgressBar bar = new ProgressBar("x", display);
        bar.start(200);
        bar.advance(1); // 1/200 of 25 cells = 1/8 of a cell
        assertEquals("x:   0%|▏" + blank(24) + "|", cells(bar));
        bar.advance(99); // half: 12.5 cells
        assertEquals("x:  50%|" + "█".repeat(12) + "▌" + blank(12) + "|", cells(bar));
        bar.advance(75); // 87.5 %: 21.875 cells
        assertEquals("x:  87%|" + "█".repeat(21) + "▉" + blank(3) + "|", cells(bar));
        bar.advance(25);
        assertEquals("x: 100%|" + "█".repeat(25) + "|", cells(bar));
    }

    @Test
    void linesModeBarUsesHashesForTheSameProgress() {
        ProgressBar bar = new ProgressBar("x", display);
        bar.start(200);
        bar.advance(175);

        String ascii = bar.render(clock.getAsLong(), true);
        assertTrue(ascii.startsWith("x:  87%|" + "#".repeat(21) + "...." + "|"), ascii);
        assertFalse(ascii.contains("█"), ascii);
    }
}
