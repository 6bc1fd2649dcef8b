package io.mpire4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpire4j.benchmarks.Verdict.Outcome;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void metOnlyWhenBestTrialsAndMediansBothMeetTheTarget() {
        assertEquals(Outcome.MET, Verdict.atMost(0.98, 1.00, 1.00, 0.30).outcome());
        assertEquals(Outcome.NOT_MEASURABLE, Verdict.atMost(0.98, 1.02, 1.00, 0.05).outcome());
        assertEquals(Outcome.NOT_MEASURABLE, Verdict.atMost(1.02, 0.98, 1.00, 0.05).outcome());
    }

    @Test
    void missedOnlyWhenBothMissByMoreThanTheSpread() {
        assertEquals(Outcome.MISSED, Verdict.atMost(1.43, 1.75, 1.00, 0.10).outcome());
        // The case: 1.43x called "within spread" because noisy spreads overlapped. With a
        // spread larger than the effect it is not measurable, never met.
        assertEquals(Outcome.NOT_MEASURABLE, Verdict.atMost(1.43, 1.75, 1.00, 0.50).outcome());
        assertEquals(Outcome.NOT_MEASURABLE, Verdict.atMost(1.20, 1.03, 1.00, 0.05).outcome());
    }

    @Test
    void theMissIsRelativeToTheTarget() {
        // 1.25 against 1.10 misses by 13.6 %: more than a 10 % spread, less than a 15 % one.
        assertEquals(Outcome.MISSED, Verdict.atMost(1.25, 1.25, 1.10, 0.10).outcome());
        assertEquals(Outcome.NOT_MEASURABLE, Verdict.atMost(1.25, 1.25, 1.10, 0.15).outcome());
    }

    @Test
    void lowerBoundsWorkTheOtherWayRound() {
        assertEquals(Outcome.MET, Verdict.atLeast(0.97, 0.95, 0.95, 0.20).outcome());
        assertEquals(Outcome.MISSED, Verdict.atLeast(0.80, 0.85, 0.95, 0.05).outcome());
        assertEquals(Outcome.NOT_MEASURABLE, Verdict.atLeast(0.96, 0.93, 0.95, 0.01).outcome());
    }

    @Test
    void noiseIsTheLargerRelativeSpreadOfTheRows() {
        Report.Row steady = row(1.00, 1.01, 1.02);
        Report.Row noisy = row(2.0, 2.2, 3.0);
        assertEquals(0.02, Verdict.noise(steady), 1e-9);
        assertEquals(0.5, Verdict.noise(steady, noisy), 1e-9);
    }

    @Test
    void textNamesTheSpreadWhenItCannotTell() {
        assertEquals("yes", Verdict.atMost(0.9, 0.9, 1.0, 0.1).text());
        assertEquals("**no**", Verdict.atMost(1.5, 1.5, 1.0, 0.1).text());
        assertEquals("not measurable (spread 40 %)", Verdict.atMost(1.2, 1.2, 1.0, 0.4).text());
    }

    private static Report.Row row(double... seconds) {
        return new Report.Row("w", "p", 1, 0, seconds, "", 0);
    }
}
