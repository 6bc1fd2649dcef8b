package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every fixed codec of {@link Codecs} reads back what it wrote, null included, one after another on one stream. */
class FixedCodecsTest {
    private static <T> T roundTrip(Codec<T> codec, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(out, value);
            codec.write(out, null);
            Codecs.INT.write(out, 42); // the stream stays in step after the value
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        T read = codec.read(in);
        assertNull(codec.read(in));
        assertEquals(42, Codecs.INT.read(in));
        assertEquals(-1, in.read(), "nothing left over");
        return read;
    }

    @Test
    void scalarsAndStrings() throws IOException {
        assertEquals(true, roundTrip(Codecs.BOOLEAN, true));
        assertEquals((byte) -7, roundTrip(Codecs.BYTE, (byte) -7));
        assertEquals((short) 300, roundTrip(Codecs.SHORT, (short) 300));
        assertEquals('é', roundTrip(Codecs.CHAR, 'é'));
        assertEquals(Integer.MIN_VALUE, roundTrip(Codecs.INT, Integer.MIN_VALUE));
        assertEquals(Long.MAX_VALUE, roundTrip(Codecs.LONG, Long.MAX_VALUE));
        assertEquals(1.5f, roundTrip(Codecs.FLOAT, 1.5f));
        assertEquals(-0.0, roundTrip(Codecs.DOUBLE, -0.0));
        String big = "Zürich;".repeat(20_000);
        assertEquals(big, roundTrip(Codecs.STRING, big));
    }

    @Test
    void primitiveArrays() throws IOException {
        assertArrayEquals(new boolean[] {true, false}, roundTrip(Codecs.BOOLEAN_ARRAY, new boolean[] {true, false}));
        assertArrayEquals(new byte[] {1, -2}, roundTrip(Codecs.BYTE_ARRAY, new byte[] {1, -2}));
        assertArrayEquals(new short[] {3, -4}, roundTrip(Codecs.SHORT_ARRAY, new short[] {3, -4}));
        assertArrayEquals(new char[] {'a', 'ß'}, roundTrip(Codecs.CHAR_ARRAY, new char[] {'a', 'ß'}));
        assertArrayEquals(new int[] {5, -6}, roundTrip(Codecs.INT_ARRAY, new int[] {5, -6}));
        assertArrayEquals(new long[] {7, -8}, roundTrip(Codecs.LONG_ARRAY, new long[] {7, -8}));
        assertArrayEquals(new float[] {0.5f}, roundTrip(Codecs.FLOAT_ARRAY, new float[] {0.5f}));
        assertArrayEquals(new double[] {}, roundTrip(Codecs.DOUBLE_ARRAY, new double[] {}));
    }

    @Test
    void everydayJdkValues() throws IOException {
        assertEquals(Path.of("/tmp/a b"), roundTrip(Codecs.PATH, Path.of("/tmp/a b")));
        assertEquals(URI.create("https://x/y?z"), roundTrip(Codecs.URI, URI.create("https://x/y?z")));
        UUID uuid = UUID.randomUUID();
        assertEquals(uuid, roundTrip(Codecs.UUID, uuid));
        assertEquals(BigInteger.TWO.pow(100).negate(), roundTrip(Codecs.BIG_INTEGER, BigInteger.TWO.pow(100).negate()));
        BigDecimal decimal = new BigDecimal("1.10");
        assertEquals(2, roundTrip(Codecs.BIG_DECIMAL, decimal).scale());
        Instant instant = Instant.ofEpochSecond(-5, 123);
        assertEquals(instant, roundTrip(Codecs.INSTANT, instant));
        assertEquals(Duration.ofSeconds(3, 4), roundTrip(Codecs.DURATION, Duration.ofSeconds(3, 4)));
        assertEquals(LocalDate.of(1999, 12, 31), roundTrip(Codecs.LOCAL_DATE, LocalDate.of(1999, 12, 31)));
        assertEquals(LocalTime.of(23, 59, 1, 5), roundTrip(Codecs.LOCAL_TIME, LocalTime.of(23, 59, 1, 5)));
        LocalDateTime dateTime = LocalDateTime.of(2026, 12, 3, 12, 0, 1, 2);
        assertEquals(dateTime, roundTrip(Codecs.LOCAL_DATE_TIME, dateTime));
        ZonedDateTime zoned = ZonedDateTime.of(dateTime, ZoneId.of("Europe/Zurich"));
        assertEquals(zoned, roundTrip(Codecs.ZONED_DATE_TIME, zoned));
    }

    @Test
    void aCorruptMarkerIsNamed() {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {9}));
        IOException e = assertThrows(IOException.class, () -> Codecs.LONG.read(in));
        assertEquals("corrupt stream: expected a presence marker, read 9", e.getMessage());
    }
}
