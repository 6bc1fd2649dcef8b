package io.mpire4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The insights table's clock format, which lives with {@link Insights} in the API package. */
class InsightsClockTest {

    @Test
    void clockIsHoursMinutesSecondsMillis() {
        assertEquals("0:00:00.000", Insights.clock(Duration.ZERO));
        assertEquals("0:00:00.001", Insights.clock(Duration.ofNanos(1_999_999)));
        assertEquals("0:00:59.999", Insights.clock(Duration.ofMillis(59_999)));
        assertEquals("1:02:03.004", Insights.clock(Duration.ofMillis(3_723_004)));
        assertEquals("12:00:00.000", Insights.clock(Duration.ofHours(12)));
        assertEquals("100:00:00.001", Insights.clock(Duration.ofHours(100).plusMillis(1)));
    }
}
