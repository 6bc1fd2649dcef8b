package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpire4j.tests.fixtures.JdkValuesParallel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Everyday JDK values cross to every kind of worker and back as the same values, exactly. */
@EveryWorkerKind
class JdkValuesTest extends PoolContract {

    @Test
    void pathsOptionalsAndNumbersKeepTheirValues() {
        try (var pool = JdkValuesParallel.create(options())) {
            assertEquals(List.of(Optional.of(Path.of("/srv/data")), Optional.empty()),
                    pool.parent().map(List.of(Path.of("/srv/data/in.csv"), Path.of("in.csv"))));
            BigDecimal exact = pool.times(new BigDecimal("1.10"), new BigInteger("123456789012345678901234567890"));
            assertEquals(new BigDecimal("135802467913580246791358024679.00"), exact);
            assertEquals(2, exact.scale(), "the scale crosses too");
        }
    }

    @Test
    void timesAndIdsKeepTheirValues() {
        Instant at = Instant.parse("2026-12-03T10:15:30.123456789Z");
        ZonedDateTime zoned = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        LocalDateTime when = LocalDateTime.of(2026, 12, 3, 23, 59, 59, 999_999_999);
        try (var pool = JdkValuesParallel.create(options())) {
            assertEquals(at.plusMillis(1500), pool.later(at, Duration.ofMillis(1500)));
            assertEquals(zoned.plusDays(1), pool.nextDay(zoned)); // across a DST change: the zone's rules crossed
            assertEquals(id + " https://example.com/a?b=c 2026-12-03 10:15:30.000000001 " + when + " " + zoned + " memo",
                    pool.describe(id, URI.create("https://example.com/a?b=c"), LocalDate.of(2026, 12, 3),
                            LocalTime.of(10, 15, 30, 1), when, zoned, Optional.of("memo")));
            assertEquals(id + " https://example.com/a?b=c 2026-12-03 10:15:30.000000001 " + when + " " + zoned + " -",
                    pool.describe(id, URI.create("https://example.com/a?b=c"), LocalDate.of(2026, 12, 3),
                            LocalTime.of(10, 15, 30, 1), when, zoned, Optional.empty()));
        }
    }
}
