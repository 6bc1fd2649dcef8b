package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.internal.Progress.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Plain-line progress output (CI, redirected stderr), drawn with a hand-moved clock and ticked by the
 * test: which lines appear, when, and exactly what they say.
 */
class ProgressLinesTest {
    private final FakeClock clock = new FakeClock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressDisplay display = new ProgressDisplay(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, ProgressDisplay.Mode.LINES);

    /** Every line printed so far. */
    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    /** The lines printed since the last call. */
    private int seen;

    private List<String> newLines() {
        List<String> all = lines();
        List<String> fresh = List.copyOf(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }

    /** A lines-mode bar with {@code hashes} cells filled. */
    private static String bar(int hashes) {
        return "|" + "#".repeat(hashes) + ".".repeat(ProgressBar.BAR_WIDTH - hashes) + "|";
    }

    private ProgressBar bar(String description) {
        return new ProgressBar(description, display);
    }

    @Test
    void startPrintsNothingAndTheFirstTickPrintsOneLineWithTheProgressSoFar() {
        bar("isPrime").start(100);
        assertEquals(List.of(), newLines(), "no line before the first tick");

        display.tick();
        assertEquals(List.of("isPrime:   0%" + bar(0) + " 0/100 [00:00<?, ? tasks/s]"), newLines());
    }

    @Test
    void aCallThatEndsBeforeTheFirstTickPrintsOnlyItsFinalLine() {
        ProgressBar bar = bar("isPrime");
        bar.start(100);
        bar.advance(100);
        bar.finish(Outcome.DONE);

        assertEquals(List.of("isPrime: 100%" + bar(25) + " 100/100 [00:00<00:00, ? tasks/s]"), newLines());
    }

    @Test
    void printsOneLinePerTenPercentStepReachedAtATick() {
        ProgressBar bar = bar("isPrime");
        bar.start(100);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(1);
        bar.advance(10);
        display.tick();
        assertEquals(List.of("isPrime:  10%" + bar(2) + " 10/100 [00:01<00:09, 10.00 tasks/s]"), newLines());

        display.tick();
        clock.advanceSeconds(1);
        bar.advance(5);
        display.tick();
        assertEquals(List.of(), newLines(), "15 % is still the 10 % step: no second line for it");

        clock.advanceSeconds(3);
        bar.advance(10);
        display.tick();
        assertEquals(List.of("isPrime:  25%" + bar(6) + " 25/100 [00:05<00:15, 5.00 tasks/s]"), newLines());

        clock.advanceSeconds(5);
        bar.advance(55);
        display.tick();
        display.tick();
        assertEquals(List.of("isPrime:  80%" + bar(20) + " 80/100 [00:10<00:02, 8.00 tasks/s]"), newLines(),
                "jumping from 20 % to 80 % prints one line, not one per skipped step");
    }

    @Test
    void doneEndsWithOneHundredPercentLine() {
        ProgressBar bar = bar("isPrime");
        bar.start(100);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(12);
        bar.advance(100);
        bar.finish(Outcome.DONE);

        assertEquals(List.of("isPrime: 100%" + bar(25) + " 100/100 [00:12<00:00, 8.33 tasks/s]"), newLines());
    }

    @Test
    void completeBarPrintsItsHundredPercentLineOnceWhenTickedBeforeFinish() {
        ProgressBar bar = bar("isPrime");
        bar.start(100);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(4);
        bar.advance(100);
        display.tick(); // the workers are done; the caller has not taken the last results yet
        clock.advanceSeconds(6);
        display.tick();
        bar.finish(Outcome.DONE);

        List<String> printed = newLines();
        assertEquals(1, printed.stream().filter(line -> line.contains("100/100")).count(), printed.toString());
        assertEquals("isPrime: 100%" + bar(25) + " 100/100 [00:10<00:00, 10.00 tasks/s]", printed.getLast());
    }

    @Test
    void slowKnownTotalPrintsEveryFiveSecondsWhenItMoved() {
        ProgressBar bar = bar("fit");
        bar.start(1000);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(8);
        display.tick();
        assertEquals(List.of(), newLines(), "nothing moved: no line");

        bar.advance(1);
        display.tick();
        assertEquals(List.of("fit:   0%" + bar(0) + " 1/1000 [00:08<2:13:12, 8.00 s/task]"), newLines());
    }

    @Test
    void unknownTotalShowsCounterEveryFiveSecondsOnlyWhenMovedThenItsTotal() {
        ProgressBar bar = bar("isPrime");
        bar.start(-1);
        display.tick(); // its first line
        assertEquals(List.of("isPrime: 0 tasks [00:00, ? tasks/s]"), newLines());

        clock.advanceMillis(4_900);
        bar.advance(7);
        display.tick();
        assertEquals(List.of(), newLines(), "under 5 s since the last line");

        clock.advanceMillis(100);
        display.tick();
        assertEquals(List.of("isPrime: 7 tasks [00:05, 1.40 tasks/s]"), newLines());

        clock.advanceSeconds(5);
        display.tick();
        assertEquals(List.of(), newLines(), "5 s passed but the count did not move");

        clock.advanceSeconds(1);
        bar.advance(5);
        display.tick();
        assertEquals(List.of("isPrime: 12 tasks [00:11, 1.09 tasks/s]"), newLines());

        clock.advanceSeconds(2);
        bar.advance(3);
        display.tick();
        assertEquals(List.of(), newLines());

        clock.advanceSeconds(1);
        bar.finish(Outcome.DONE);
        assertEquals(List.of("isPrime: 100%" + bar(25) + " 15/15 [00:14<00:00, 1.07 tasks/s]"), newLines());
        assertEquals(15, bar.total(), "the total is known once the input is exhausted");
    }

    @Test
    void emptyInputPrintsExactlyOneFinalLine() {
        ProgressBar bar = bar("isPrime");
        bar.start(0);
        display.tick(); // its first line
        display.tick();
        bar.finish(Outcome.DONE);
        display.tick();

        assertEquals(List.of("isPrime: 100%" + bar(25) + " 0/0 [00:00<00:00, ? tasks/s]"), lines());
    }

    @Test
    void failedLineKeepsTheCountReachedAndSaysFailed() {
        ProgressBar bar = bar("isPrime");
        bar.start(100);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(4);
        bar.advance(37);
        bar.finish(Outcome.FAILED);
        clock.advanceSeconds(100);
        bar.advance(10); // a straggler chunk after the failure
        display.tick();

        String expected = "isPrime:  37%" + bar(9) + " 37/100 [00:04<?, 9.25 tasks/s] FAILED";
        assertEquals(List.of(expected), newLines(), "one final line, and no line after it");
        assertEquals(Outcome.FAILED, bar.outcome());
    }

    @Test
    void cancelledLineKeepsTheCountReachedAndSaysCancelled() {
        ProgressBar known = bar("known");
        ProgressBar unknown = bar("unknown");
        known.start(10);
        display.tick(); // its first line
        unknown.start(-1);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(2);
        known.advance(5);
        unknown.advance(4);
        known.finish(Outcome.CANCELLED);
        unknown.finish(Outcome.CANCELLED);

        assertEquals(List.of(
                "known:  50%" + bar(12) + " 5/10 [00:02<?, 2.50 tasks/s] CANCELLED",
                "unknown: 4 tasks [00:02, 2.00 tasks/s] CANCELLED"), newLines());
    }

    @Test
    void finishingTwicePrintsOnce() {
        ProgressBar bar = bar("isPrime");
        bar.start(3);
        display.tick(); // its first line
        newLines();

        clock.advanceSeconds(1);
        bar.advance(3);
        bar.finish(Outcome.DONE);
        clock.advanceSeconds(1);
        bar.finish(Outcome.DONE);
        bar.finish(Outcome.FAILED);

        assertEquals(List.of("isPrime: 100%" + bar(25) + " 3/3 [00:01<00:00, 3.00 tasks/s]"), newLines());
        assertEquals(Outcome.DONE, bar.outcome(), "the first outcome stays");
    }

    @Test
    void elapsedTimeStopsAtFinish() {
        ProgressBar bar = bar("isPrime");
        bar.start(10);
        display.tick(); // its first line
        clock.advanceSeconds(3);
        bar.advance(10);
        bar.finish(Outcome.DONE);
        String atFinish = bar.render(clock.getAsLong(), true);

        clock.advanceSeconds(3600);

        assertEquals(atFinish, bar.render(clock.getAsLong(), true));
        assertTrue(atFinish.contains("[00:03<00:00, 3.33 tasks/s]"), atFinish);
    }

    @Test
    void linesModeDrawsTheBarWithHashesOnly() {
        ProgressBar bar = bar("isPrime");
        bar.start(8);
        display.tick(); // its first line
        clock.advanceSeconds(1);
        bar.advance(3);
        display.tick();
        bar.finish(Outcome.DONE);

        for (String line : lines()) {
            assertTrue(line.chars().allMatch(c -> c < 128), "plain ASCII in lines mode: " + line);
        }
        assertEquals("isPrime:  37%" + bar(9) + " 3/8 [00:01<00:01, 3.00 tasks/s]", lines().get(1));
    }

    @Test
    void twoBarsPrintWholeLinesEachAtItsOwnSteps() {
        ProgressBar a = bar("a");
        ProgressBar b = bar("b");
        a.start(100);
        display.tick(); // its first line
        b.start(10);
        display.tick(); // its first line
        assertEquals(List.of(
                "a:   0%" + bar(0) + " 0/100 [00:00<?, ? tasks/s]",
                "b:   0%" + bar(0) + " 0/10 [00:00<?, ? tasks/s]"), newLines());

        clock.advanceSeconds(2);
        a.advance(50);
        b.advance(3);
        display.tick();
        assertEquals(List.of(
                "a:  50%" + bar(12) + " 50/100 [00:02<00:02, 25.00 tasks/s]",
                "b:  30%" + bar(7) + " 3/10 [00:02<00:04, 1.50 tasks/s]"), newLines());

        b.advance(7);
        b.finish(Outcome.DONE);
        display.tick();
        assertEquals(List.of("b: 100%" + bar(25) + " 10/10 [00:02<00:00, 5.00 tasks/s]"), newLines(),
                "a did not move: only b's final line");
    }

    /** Writes one character at a time, so only the display's own lock can keep a line whole. */
    private static final class TearingPrintStream extends PrintStream {
        TearingPrintStream(ByteArrayOutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            for (char c : line.toCharArray()) {
                print(c);
            }
            print('\n');
        }

        @Override
        public void println(Object line) {
            println(String.valueOf(line));
        }
    }

    @Test
    void concurrentBarsNeverInterleavePartialLines() throws InterruptedException {
        ByteArrayOutputStream shared = new ByteArrayOutputStream();
        ProgressDisplay concurrent = new ProgressDisplay(new TearingPrintStream(shared), clock,
                ProgressDisplay.Mode.LINES);
        int bars = 4;
        int tasks = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            String name = "w" + i;
            threads.add(Thread.ofPlatform().name("progress-test-" + i).start(() -> {
                awaitQuietly(go);
                ProgressBar bar = new ProgressBar(name, concurrent);
                bar.start(tasks);
                display.tick(); // its first line
                for (int t = 0; t < tasks; t++) {
                    bar.advance(1);
                    if (t % 50 == 0) {
                        concurrent.tick();
                    }
                }
                bar.finish(Outcome.DONE);
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        String[] printed = shared.toString(StandardCharsets.UTF_8).split("\n");
        Pattern whole = Pattern.compile("w\\d: +\\d{1,3}%\\|[#.]{25}\\| \\d+/" + tasks
                + " \\[\\d\\d:\\d\\d<(\\?|\\d\\d:\\d\\d), [^\\]]+]");
        for (String line : printed) {
            assertTrue(whole.matcher(line).matches(), "a torn line: " + line);
        }
        for (int i = 0; i < bars; i++) {
            String finalLine = "w" + i + ": 100%" + bar(25) + " " + tasks + "/" + tasks + " [00:00<00:00, ? tasks/s]";
            assertEquals(1, Arrays.stream(printed).filter(finalLine::equals).count(), "final line of w" + i);
        }
        assertTrue(printed.length >= 2 * bars, "each bar printed at least its start and final lines");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void remainingTimeIsUnknownWhileNoTimeHasPassed() {
        ProgressBar bar = bar("isPrime");
        bar.start(10);
        display.tick(); // its first line
        bar.advance(4);

        assertEquals("isPrime:  40%" + bar(10) + " 4/10 [00:00<?, ? tasks/s]", bar.render(clock.getAsLong(), true));
    }

    @Test
    void rateIsFormattedInTasksPerSecondThousandsMillionsOrSecondsPerTask() {
        assertEquals("? tasks/s", ProgressBar.rate(0));
        assertEquals("4.00 s/task", ProgressBar.rate(0.25));
        assertEquals("1.00 tasks/s", ProgressBar.rate(1));
        assertEquals("40.12 tasks/s", ProgressBar.rate(40.123));
        assertEquals("9876.54 tasks/s", ProgressBar.rate(9876.543));
        assertEquals("12.3k tasks/s", ProgressBar.rate(12_345));
        assertEquals("999.9k tasks/s", ProgressBar.rate(999_900));
        assertEquals("1.50M tasks/s", ProgressBar.rate(1_500_000));
        assertEquals("250.00M tasks/s", ProgressBar.rate(2.5e8));
    }

    @Test
    void rateNeverPrintsAFourDigitCountBeforeItsUnit() {
        assertEquals("10.0k tasks/s", ProgressBar.rate(9_999.999), "9999.999 rounds to 10000, which is 10.0k");
        assertEquals("1.00M tasks/s", ProgressBar.rate(999_999), "999.999k rounds to 1000.0k, which is 1.00M");
    }

    @Test
    void clockIsMinutesSecondsThenHoursMinutesSeconds() {
        assertEquals("00:00", ProgressBar.clock(0));
        assertEquals("00:59", ProgressBar.clock(59.999));
        assertEquals("01:01", ProgressBar.clock(61));
        assertEquals("59:59", ProgressBar.clock(3599.5));
        assertEquals("1:00:00", ProgressBar.clock(3600));
        assertEquals("1:01:01", ProgressBar.clock(3661));
        assertEquals("27:46:40", ProgressBar.clock(100_000));
    }

    @Test
    void descriptionLeadsEveryLine() {
        ProgressBar bar = bar("Primes scan");
        bar.start(4);
        display.tick(); // its first line
        clock.advanceSeconds(1);
        bar.advance(4);
        bar.finish(Outcome.DONE);

        assertFalse(lines().isEmpty());
        for (String line : lines()) {
            assertTrue(line.startsWith("Primes scan: "), line);
        }
    }

    @Test
    void waitingCallersRedrawAtMostOncePerTickHoweverManyWait() {
        ProgressBar bar = new ProgressBar("slow", display);
        bar.start(100);
        display.tick(); // its first line
        int startLines = lines().size();
        bar.advance(20);
        clock.advanceMillis(250);
        display.refresh();
        display.refresh(); // a second waiting caller in the same tick draws nothing
        bar.advance(20);
        display.refresh();
        assertEquals(startLines + 1, lines().size(), "one refresh per tick: " + lines());
        clock.advanceMillis(250);
        display.refresh();
        assertEquals(startLines + 2, lines().size(), "the next tick draws the 40 % step: " + lines());
    }
}
