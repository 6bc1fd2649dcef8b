package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Java-serialization fallback between JDKs: it reads back what the declared types need, rejects
 * anything else by name, and bounds what a peer can make it allocate; exceptions cross as data.
 */
class SerialFallbackTest {

    static class Base implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        int base = 1;
    }

    /** The declared type: a Serializable subclass of a Serializable class, with JDK collections inside. */
    static class Declared extends Base {
        @Serial
        private static final long serialVersionUID = 1L;
        Map<String, Integer> hash = new HashMap<>(Map.of("a", 1));
        Set<String> set = new HashSet<>(Set.of("s"));
        Map<String, List<Integer>> linked = new LinkedHashMap<>(Map.of("l", List.of(1, 2)));
        Object anything;
    }

    static final class Sub extends Declared {
        @Serial
        private static final long serialVersionUID = 1L;
        String more = "more";
    }

    /** Not declared anywhere. */
    static final class Stranger implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A Number of user code. */
    static final class Odd extends Number {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public int intValue() {
            return 0;
        }

        @Override
        public long longValue() {
            return 0;
        }

        @Override
        public float floatValue() {
            return 0;
        }

        @Override
        public double doubleValue() {
            return 0;
        }
    }

    /** A generic class that keeps its inner nodes through erased fields. */
    static final class Bag<T> implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        Object[] items = new Object[2];

        final class Node implements Serializable {
            @Serial
            private static final long serialVersionUID = 1L;
            final T value;

            Node(T value) {
                this.value = value;
            }
        }

        Bag<T> with(T a, T b) {
            items[0] = new Node(a);
            items[1] = new Node(b);
            return this;
        }
    }

    static final class Link implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        Link next;
    }

    private static <T> byte[] write(Codec<T> codec, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        codec.write(new DataOutputStream(bytes), value);
        return bytes.toByteArray();
    }

    private static <T> T read(Codec<T> codec, byte[] bytes) throws IOException {
        return codec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    /** Writes {@code value} as anything may be written, then reads it as a {@code Declared}. */
    private static Declared readAsDeclared(Object value) throws IOException {
        return read(Codecs.serialized(Declared.class), write(Codecs.serialized(Object.class), value));
    }

    @Test
    void jdkCollectionsInsideASerializableValueComeBack() throws IOException {
        Declared back = readAsDeclared(new Declared());
        assertEquals(Map.of("a", 1), back.hash);
        assertEquals(Set.of("s"), back.set);
        assertEquals(Map.of("l", List.of(1, 2)), back.linked);
        assertEquals(1, back.base);
    }

    @Test
    void aSerializableSubclassComesBack() throws IOException {
        Declared back = readAsDeclared(new Sub());
        assertEquals("more", assertInstanceOf(Sub.class, back).more);
    }

    @Test
    void innerNodesOfAnAllowedGenericClassComeBack() throws IOException {
        Codec<Bag> codec = Codecs.serialized(Bag.class);
        Bag<?> back = read(codec, write(Codecs.serialized(Object.class), new Bag<String>().with("x", "y")));
        assertEquals("x", ((Bag<?>.Node) back.items[0]).value);
        assertEquals("y", ((Bag<?>.Node) back.items[1]).value);
    }

    @Test
    void anUndeclaredClassIsRejectedByName() {
        Declared holding = new Declared();
        holding.anything = new Stranger();
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> readAsDeclared(holding));
        assertTrue(e.getMessage().contains(Stranger.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(Declared.class.getName()), e.getMessage());
    }

    @Test
    void onlyTheJdksNumbersAreAllowedUndeclared() throws IOException {
        Declared holding = new Declared();
        holding.anything = new java.math.BigDecimal("1.5");
        assertEquals(new java.math.BigDecimal("1.5"), readAsDeclared(holding).anything);
        holding.anything = new Odd();
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> readAsDeclared(holding));
        assertTrue(e.getMessage().contains(Odd.class.getName()), e.getMessage());
    }

    @Test
    void aDeclaredJdkTypeIsAllowedWithItsSubclasses() throws IOException {
        Declared value = new Sub();
        Object back = read(Codecs.serialized(Object.class), write(Codecs.serialized(Object.class), value));
        assertInstanceOf(Sub.class, back);
        Serializable list = read(Codecs.serialized(Serializable.class),
                write(Codecs.serialized(Object.class), new java.util.ArrayList<>(List.of(new Sub()))));
        assertInstanceOf(Sub.class, ((List<?>) list).get(0));
    }

    @Test
    void anArrayLongerThanTheStreamIsRejected() throws IOException {
        byte[] bytes = write(Codecs.serialized(Object.class), new long[10]);
        // the array's length is the int right before its 80 bytes of data: claim 100 million
        int at = bytes.length - 80 - 4;
        assertEquals(10, java.nio.ByteBuffer.wrap(bytes, at, 4).getInt());
        java.nio.ByteBuffer.wrap(bytes, at, 4).putInt(100_000_000);
        InvalidClassException e = assertThrows(InvalidClassException.class,
                () -> read(Codecs.serialized(long[].class), bytes));
        assertTrue(e.getMessage().contains("array of 100000000 elements"), e.getMessage());
    }

    @Test
    void aGraphNestedTooDeeplyIsRejected() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread deep = new Thread(null, () -> {
            try {
                Link head = new Link();
                Link at = head;
                for (int i = 0; i < SerialAllowList.MAX_DEPTH + 10; i++) {
                    at.next = new Link();
                    at = at.next;
                }
                read(Codecs.serialized(Link.class), write(Codecs.serialized(Link.class), head));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "deep", 256 << 20);
        deep.start();
        Throwable t = outcome.get();
        assertInstanceOf(InvalidClassException.class, t);
        assertTrue(t.getMessage().contains("nested deeper"), t.getMessage());
    }

    @Test
    void aFrameLongerThanTheLimitIsRefusedUnread() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Integer.MAX_VALUE);
        out.writeByte(Wire.RESULTS);
        Wire.In in = new Wire.In(new ByteArrayInputStream(bytes.toByteArray()));
        IOException e = assertThrows(IOException.class, in::next);
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    /** An exception of other code whose reading would run its own code. */
    static final class Hooked extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Hooked(String message, Throwable cause) {
            super(message, cause);
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            throw new AssertionError("readObject of an exception ran in the parent");
        }
    }

    /** An exception of other code that is plain data. */
    static final class Plain extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Plain(String message) {
            super(message);
        }
    }

    private static Throwable acrossTheWire(Throwable t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.writeThrowable(new DataOutputStream(bytes), t);
        return Wire.readThrowable(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void exceptionsThatWouldRunCodeWhenReadCrossAsText() throws IOException {
        Hooked hooked = new Hooked("hooked", new IllegalStateException("inner"));
        Throwable back = acrossTheWire(hooked);
        Wire.ChildException text = assertInstanceOf(Wire.ChildException.class, back);
        assertEquals(Hooked.class.getName(), text.originalClass());
        assertEquals("hooked", text.getMessage());
        assertEquals(hooked.getStackTrace()[0].getMethodName(), text.getStackTrace()[0].getMethodName());
        assertEquals(hooked.getStackTrace().length, text.getStackTrace().length);
        Wire.ChildException cause = assertInstanceOf(Wire.ChildException.class, text.getCause());
        assertEquals(IllegalStateException.class.getName(), cause.originalClass());
        assertEquals("inner", cause.getMessage());
    }

    @Test
    void jdkAndPlainExceptionsCrossAsThemselves() throws IOException {
        Throwable jdk = acrossTheWire(new IllegalArgumentException("bad", new java.io.UncheckedIOException(
                new IOException("io"))));
        assertEquals("bad", assertInstanceOf(IllegalArgumentException.class, jdk).getMessage());
        assertNotNull(jdk.getCause());
        assertSame(Plain.class, acrossTheWire(new Plain("plain")).getClass());
    }
}
