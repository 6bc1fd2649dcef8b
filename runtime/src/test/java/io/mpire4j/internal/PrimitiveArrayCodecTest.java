package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arrays of ints, longs, floats and doubles cross in bulk blocks: the same bytes as one
 * {@code writeX} per element (so either side may be the older one; only a NaN's payload, which
 * {@code writeDouble} dropped, is now kept), every bit kept, at every length around the block size.
 */
class PrimitiveArrayCodecTest {
    private static final int[] LENGTHS = {0, 1, 7, 1023, 1024, 1025, 2048, 2049, 5000};

    @Test
    void doublesKeepEveryBitAndTheElementWiseFormat() throws IOException {
        for (int length : LENGTHS) {
            double[] a = new SplittableRandom(length).doubles(length).map(d -> d * 1e300 - 5e299).toArray();
            if (length > 3) {
                a[0] = -0.0;
                a[1] = Double.longBitsToDouble(0x7ff8_0000_0000_1234L); // a NaN with a payload
                a[2] = Double.MIN_VALUE;
                a[3] = Double.NEGATIVE_INFINITY;
            }
            byte[] bytes = encode(Codecs.DOUBLE_ARRAY, a);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(expected);
            data.writeBoolean(true);
            data.writeInt(a.length);
            for (double d : a) {
                data.writeLong(Double.doubleToRawLongBits(d)); // writeDouble, but NaN payloads kept
            }
            data.flush();
            assertArrayEquals(withoutNullFlag(expected.toByteArray()), withoutNullFlag(bytes), "length " + length);
            double[] back = decode(Codecs.DOUBLE_ARRAY, bytes);
            assertEquals(a.length, back.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(back[i]), "at " + i);
            }
        }
    }

    @Test
    void intsLongsAndFloatsRoundTripAtEveryLength() throws IOException {
        for (int length : LENGTHS) {
            SplittableRandom random = new SplittableRandom(length);
            int[] ints = random.ints(length).toArray();
            long[] longs = random.longs(length).toArray();
            float[] floats = new float[length];
            for (int i = 0; i < length; i++) {
                floats[i] = Float.intBitsToFloat(random.nextInt());
            }
            assertArrayEquals(ints, decode(Codecs.INT_ARRAY, encode(Codecs.INT_ARRAY, ints)));
            assertArrayEquals(longs, decode(Codecs.LONG_ARRAY, encode(Codecs.LONG_ARRAY, longs)));
            float[] back = decode(Codecs.FLOAT_ARRAY, encode(Codecs.FLOAT_ARRAY, floats));
            for (int i = 0; i < length; i++) {
                assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(back[i]), "at " + i);
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(expected);
            data.writeInt(longs.length);
            for (long v : longs) {
                data.writeLong(v);
            }
            assertArrayEquals(expected.toByteArray(), withoutNullFlag(encode(Codecs.LONG_ARRAY, longs)));
        }
    }

    @Test
    void nullStaysNull() throws IOException {
        assertNull(decode(Codecs.DOUBLE_ARRAY, encode(Codecs.DOUBLE_ARRAY, null)));
    }

    private static <T> byte[] encode(Codec<T> codec, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        codec.write(out, value);
        out.flush();
        return bytes.toByteArray();
    }

    private static <T> T decode(Codec<T> codec, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        T value = codec.read(in);
        assertEquals(-1, in.read(), "every byte read");
        return value;
    }

    /** The codecs' null flag comes first; the array's bytes follow. */
    private static byte[] withoutNullFlag(byte[] bytes) {
        return java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
}
