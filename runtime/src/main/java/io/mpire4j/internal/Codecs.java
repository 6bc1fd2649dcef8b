package io.mpire4j.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The codecs that generated code composes: primitives and their boxes, {@code String}, enums,
 * arrays, {@code List}/{@code Set}/{@code Map}, records (through {@link Codec#of}), and a
 * Java-serialization fallback that only ever deserializes the types it was built for. Every codec
 * here accepts {@code null} (one marker byte). Thread-safe.
 */
public final class Codecs {
    private Codecs() {}

    private static final int NULL = 0;
    private static final int PRESENT = 1;

    static <T> Codec<T> nullSafe(Codec.Writer<? super T> writer, Codec.Reader<? extends T> reader) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
        return new Codec<>() {
            @Override
            public void write(DataOutput out, T value) throws IOException {
                if (value == null) {
                    out.writeByte(NULL);
                } else {
                    out.writeByte(PRESENT);
                    writer.write(out, value);
                }
            }

            @Override
            public T read(DataInput in) throws IOException {
                int marker = in.readUnsignedByte();
                if (marker == NULL) {
                    return null;
                }
                if (marker != PRESENT) {
                    throw new IOException("corrupt stream: expected a presence marker, read " + marker);
                }
                return reader.read(in);
            }
        };
    }

    /** {@code Void}: writes nothing (the result of a {@code void} method). */
    public static final Codec<Void> VOID = new Codec<>() {
        @Override
        public void write(DataOutput out, Void value) {}

        @Override
        public Void read(DataInput in) {
            return null;
        }
    };

    public static final Codec<Boolean> BOOLEAN = new Fixed<>(Fixed.BOOLEAN);
    public static final Codec<Byte> BYTE = new Fixed<>(Fixed.BYTE);
    public static final Codec<Short> SHORT = new Fixed<>(Fixed.SHORT);
    public static final Codec<Character> CHAR = new Fixed<>(Fixed.CHAR);
    public static final Codec<Integer> INT = new Fixed<>(Fixed.INT);
    public static final Codec<Long> LONG = new Fixed<>(Fixed.LONG);
    public static final Codec<Float> FLOAT = new Fixed<>(Fixed.FLOAT);
    public static final Codec<Double> DOUBLE = new Fixed<>(Fixed.DOUBLE);
    /** Strings of any length (not limited to 64 KiB like {@code writeUTF}). */
    public static final Codec<String> STRING = new Fixed<>(Fixed.STRING);

    public static final Codec<boolean[]> BOOLEAN_ARRAY = new Fixed<>(Fixed.BOOLEAN_ARRAY);
    public static final Codec<byte[]> BYTE_ARRAY = new Fixed<>(Fixed.BYTE_ARRAY);
    public static final Codec<short[]> SHORT_ARRAY = new Fixed<>(Fixed.SHORT_ARRAY);
    public static final Codec<char[]> CHAR_ARRAY = new Fixed<>(Fixed.CHAR_ARRAY);
    public static final Codec<int[]> INT_ARRAY = new Fixed<>(Fixed.INT_ARRAY);
    public static final Codec<long[]> LONG_ARRAY = new Fixed<>(Fixed.LONG_ARRAY);
    public static final Codec<float[]> FLOAT_ARRAY = new Fixed<>(Fixed.FLOAT_ARRAY);
    public static final Codec<double[]> DOUBLE_ARRAY = new Fixed<>(Fixed.DOUBLE_ARRAY);

    /** An enum by ordinal; {@code values} is the enum's {@code values()}. */
    public static <E extends Enum<E>> Codec<E> enumOf(E[] values) {
        E[] constants = values.clone();
        return nullSafe((out, v) -> out.writeInt(v.ordinal()), in -> {
            int ordinal = in.readInt();
            if (ordinal < 0 || ordinal >= constants.length) {
                throw new IOException("corrupt stream: enum ordinal " + ordinal + " of " + constants.length);
            }
            return constants[ordinal];
        });
    }

    /** An array of references; {@code newArray} is e.g. {@code String[]::new}. */
    public static <E> Codec<E[]> array(Codec<E> element, IntFunction<E[]> newArray) {
        return nullSafe((out, a) -> {
            out.writeInt(a.length);
            for (E e : a) {
                element.write(out, e);
            }
        }, in -> {
            E[] a = newArray.apply(length(in));
            for (int i = 0; i < a.length; i++) {
                a[i] = element.read(in);
            }
            return a;
        });
    }

    // ---------------------------------------------------------------- everyday JDK values

    /** A path, as its string in the default file system. */
    public static final Codec<java.nio.file.Path> PATH = new Fixed<>(Fixed.PATH);
    /** A URI, as its string. */
    public static final Codec<java.net.URI> URI = new Fixed<>(Fixed.URI);
    public static final Codec<java.util.UUID> UUID = new Fixed<>(Fixed.UUID);
    /** A big integer, as its two's-complement bytes. */
    public static final Codec<java.math.BigInteger> BIG_INTEGER = new Fixed<>(Fixed.BIG_INTEGER);
    /** A big decimal, as its unscaled value and scale: exact, {@code 1.10} stays {@code 1.10}. */
    public static final Codec<java.math.BigDecimal> BIG_DECIMAL = new Fixed<>(Fixed.BIG_DECIMAL);
    public static final Codec<java.time.Instant> INSTANT = new Fixed<>(Fixed.INSTANT);
    public static final Codec<java.time.Duration> DURATION = new Fixed<>(Fixed.DURATION);
    public static final Codec<java.time.LocalDate> LOCAL_DATE = new Fixed<>(Fixed.LOCAL_DATE);
    public static final Codec<java.time.LocalTime> LOCAL_TIME = new Fixed<>(Fixed.LOCAL_TIME);
    public static final Codec<java.time.LocalDateTime> LOCAL_DATE_TIME = new Fixed<>(Fixed.LOCAL_DATE_TIME);
    /** A zoned date-time, with its zone id: the same instant and the same zone rules on the other side. */
    public static final Codec<java.time.ZonedDateTime> ZONED_DATE_TIME = new Fixed<>(Fixed.ZONED_DATE_TIME);

    /**
     * The codecs of fixed types above: one class that switches on the type, not a pair of lambdas
     * each, so that a pool (or a child JVM) starts without spinning up some sixty lambda classes it
     * may never use (on a cold JVM that cost tens of milliseconds per pool). Null-safe with the same
     * marker byte as {@link #nullSafe}. Immutable.
     */
    private static final class Fixed<T> implements Codec<T> {
        static final int BOOLEAN = 0;
        static final int BYTE = 1;
        static final int SHORT = 2;
        static final int CHAR = 3;
        static final int INT = 4;
        static final int LONG = 5;
        static final int FLOAT = 6;
        static final int DOUBLE = 7;
        static final int STRING = 8;
        static final int BOOLEAN_ARRAY = 9;
        static final int BYTE_ARRAY = 10;
        static final int SHORT_ARRAY = 11;
        static final int CHAR_ARRAY = 12;
        static final int INT_ARRAY = 13;
        static final int LONG_ARRAY = 14;
        static final int FLOAT_ARRAY = 15;
        static final int DOUBLE_ARRAY = 16;
        static final int PATH = 17;
        static final int URI = 18;
        static final int UUID = 19;
        static final int BIG_INTEGER = 20;
        static final int BIG_DECIMAL = 21;
        static final int INSTANT = 22;
        static final int DURATION = 23;
        static final int LOCAL_DATE = 24;
        static final int LOCAL_TIME = 25;
        static final int LOCAL_DATE_TIME = 26;
        static final int ZONED_DATE_TIME = 27;

        private final int kind;

        Fixed(int kind) {
            this.kind = kind;
        }

        @Override
        public void write(DataOutput out, T value) throws IOException {
            if (value == null) {
                out.writeByte(NULL);
            } else {
                out.writeByte(PRESENT);
                writeValue(out, value);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T read(DataInput in) throws IOException {
            int marker = in.readUnsignedByte();
            if (marker == NULL) {
                return null;
            }
            if (marker != PRESENT) {
                throw new IOException("corrupt stream: expected a presence marker, read " + marker);
            }
            return (T) readValue(in);
        }

        private void writeValue(DataOutput out, Object v) throws IOException {
            switch (kind) {
                case BOOLEAN -> out.writeBoolean((Boolean) v);
                case BYTE -> out.writeByte((Byte) v);
                case SHORT -> out.writeShort((Short) v);
                case CHAR -> out.writeChar((Character) v);
                case INT -> out.writeInt((Integer) v);
                case LONG -> out.writeLong((Long) v);
                case FLOAT -> out.writeFloat((Float) v);
                case DOUBLE -> out.writeDouble((Double) v);
                case STRING -> writeString(out, (String) v);
                case BOOLEAN_ARRAY -> {
                    boolean[] a = (boolean[]) v;
                    out.writeInt(a.length);
                    for (boolean e : a) {
                        out.writeBoolean(e);
                    }
                }
                case BYTE_ARRAY -> writeBytes(out, (byte[]) v);
                case SHORT_ARRAY -> {
                    short[] a = (short[]) v;
                    out.writeInt(a.length);
                    for (short e : a) {
                        out.writeShort(e);
                    }
                }
                case CHAR_ARRAY -> {
                    char[] a = (char[]) v;
                    out.writeInt(a.length);
                    for (char e : a) {
                        out.writeChar(e);
                    }
                }
                case INT_ARRAY -> writeInts(out, (int[]) v);
                case LONG_ARRAY -> writeLongs(out, (long[]) v);
                case FLOAT_ARRAY -> writeFloats(out, (float[]) v);
                case DOUBLE_ARRAY -> writeDoubles(out, (double[]) v);
                default -> writeJdkValue(out, v);
            }
        }

        private void writeJdkValue(DataOutput out, Object v) throws IOException {
            switch (kind) {
                case PATH, URI -> writeString(out, v.toString());
                case UUID -> {
                    java.util.UUID u = (java.util.UUID) v;
                    out.writeLong(u.getMostSignificantBits());
                    out.writeLong(u.getLeastSignificantBits());
                }
                case BIG_INTEGER -> Codecs.BYTE_ARRAY.write(out, ((java.math.BigInteger) v).toByteArray());
                case BIG_DECIMAL -> {
                    java.math.BigDecimal d = (java.math.BigDecimal) v;
                    Codecs.BYTE_ARRAY.write(out, d.unscaledValue().toByteArray());
                    out.writeInt(d.scale());
                }
                case INSTANT -> {
                    java.time.Instant t = (java.time.Instant) v;
                    out.writeLong(t.getEpochSecond());
                    out.writeInt(t.getNano());
                }
                case DURATION -> {
                    java.time.Duration d = (java.time.Duration) v;
                    out.writeLong(d.getSeconds());
                    out.writeInt(d.getNano());
                }
                case LOCAL_DATE -> out.writeLong(((java.time.LocalDate) v).toEpochDay());
                case LOCAL_TIME -> out.writeLong(((java.time.LocalTime) v).toNanoOfDay());
                case LOCAL_DATE_TIME -> {
                    java.time.LocalDateTime t = (java.time.LocalDateTime) v;
                    out.writeLong(t.toLocalDate().toEpochDay());
                    out.writeLong(t.toLocalTime().toNanoOfDay());
                }
                case ZONED_DATE_TIME -> {
                    java.time.ZonedDateTime t = (java.time.ZonedDateTime) v;
                    Codecs.INSTANT.write(out, t.toInstant());
                    writeString(out, t.getZone().getId());
                }
                default -> throw new IllegalStateException("no fixed codec " + kind);
            }
        }

        private Object readValue(DataInput in) throws IOException {
            return switch (kind) {
                case BOOLEAN -> in.readBoolean();
                case BYTE -> in.readByte();
                case SHORT -> in.readShort();
                case CHAR -> in.readChar();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case FLOAT -> in.readFloat();
                case DOUBLE -> in.readDouble();
                case STRING -> readString(in);
                case BOOLEAN_ARRAY -> {
                    boolean[] a = new boolean[length(in)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readBoolean();
                    }
                    yield a;
                }
                case BYTE_ARRAY -> readBytes(in);
                case SHORT_ARRAY -> {
                    short[] a = new short[length(in)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readShort();
                    }
                    yield a;
                }
                case CHAR_ARRAY -> {
                    char[] a = new char[length(in)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.readChar();
                    }
                    yield a;
                }
                case INT_ARRAY -> readInts(in);
                case LONG_ARRAY -> readLongs(in);
                case FLOAT_ARRAY -> readFloats(in);
                case DOUBLE_ARRAY -> readDoubles(in);
                default -> readJdkValue(in);
            };
        }

        private Object readJdkValue(DataInput in) throws IOException {
            return switch (kind) {
                case PATH -> java.nio.file.Path.of(readString(in));
                case URI -> java.net.URI.create(readString(in));
                case UUID -> new java.util.UUID(in.readLong(), in.readLong());
                case BIG_INTEGER -> new java.math.BigInteger(Codecs.BYTE_ARRAY.read(in));
                case BIG_DECIMAL -> new java.math.BigDecimal(new java.math.BigInteger(Codecs.BYTE_ARRAY.read(in)),
                        in.readInt());
                case INSTANT -> java.time.Instant.ofEpochSecond(in.readLong(), in.readInt());
                case DURATION -> java.time.Duration.ofSeconds(in.readLong(), in.readInt());
                case LOCAL_DATE -> java.time.LocalDate.ofEpochDay(in.readLong());
                case LOCAL_TIME -> java.time.LocalTime.ofNanoOfDay(in.readLong());
                case LOCAL_DATE_TIME -> java.time.LocalDateTime.of(java.time.LocalDate.ofEpochDay(in.readLong()),
                        java.time.LocalTime.ofNanoOfDay(in.readLong()));
                case ZONED_DATE_TIME -> java.time.ZonedDateTime.ofInstant(Codecs.INSTANT.read(in),
                        java.time.ZoneId.of(readString(in)));
                default -> throw new IllegalStateException("no fixed codec " + kind);
            };
        }

        private static void writeBytes(DataOutput out, byte[] a) throws IOException {
            out.writeInt(a.length);
            out.write(a);
        }

        private static byte[] readBytes(DataInput in) throws IOException {
            byte[] a = new byte[length(in)];
            in.readFully(a);
            return a;
        }
    }

    /** An optional: empty, or its value with {@code element}. */
    public static <E> Codec<java.util.Optional<E>> optional(Codec<E> element) {
        return nullSafe((out, o) -> {
            out.writeBoolean(o.isPresent());
            if (o.isPresent()) {
                element.write(out, o.get());
            }
        }, in -> in.readBoolean() ? java.util.Optional.ofNullable(element.read(in)) : java.util.Optional.empty());
    }

    /** A list; read back as a mutable {@link ArrayList}. */
    public static <E> Codec<List<E>> list(Codec<E> element) {
        return nullSafe((out, list) -> writeAll(out, list, element), in -> {
            int n = length(in);
            List<E> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(element.read(in));
            }
            return list;
        });
    }

    /**
     * A set; read back as a {@link LinkedHashSet} in the written order, or, for a {@link SortedSet},
     * as a {@link TreeSet} with the same comparator, so lookups answer as they did in the sender
     * (see {@link #writeOrder}).
     */
    public static <E> Codec<Set<E>> set(Codec<E> element) {
        return nullSafe((out, set) -> {
            writeOrder(out, set instanceof SortedSet<E> sorted ? sorted.comparator() : null, set instanceof SortedSet);
            writeAll(out, set, element);
        }, in -> {
            Comparator<? super E> order = readOrder(in);
            int n = length(in);
            Set<E> set = order == null ? new LinkedHashSet<>(Math.max(16, n * 4 / 3 + 1))
                    : order == NATURAL ? new TreeSet<>() : new TreeSet<>(order);
            for (int i = 0; i < n; i++) {
                set.add(element.read(in));
            }
            return set;
        });
    }

    /**
     * A map; read back as a {@link LinkedHashMap} in the written order, or, for a {@link SortedMap},
     * as a {@link TreeMap} with the same comparator (see {@link #writeOrder}).
     */
    public static <K, V> Codec<Map<K, V>> map(Codec<K> key, Codec<V> value) {
        return nullSafe((out, map) -> {
            writeOrder(out, map instanceof SortedMap<K, V> sorted ? sorted.comparator() : null, map instanceof SortedMap);
            out.writeInt(map.size());
            for (Map.Entry<K, V> e : map.entrySet()) {
                key.write(out, e.getKey());
                value.write(out, e.getValue());
            }
        }, in -> {
            Comparator<? super K> order = readOrder(in);
            int n = length(in);
            Map<K, V> map = order == null ? new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1))
                    : order == NATURAL ? new TreeMap<>() : new TreeMap<>(order);
            for (int i = 0; i < n; i++) {
                K k = key.read(in);
                map.put(k, value.read(in));
            }
            return map;
        });
    }

    /**
     * Java serialization for a type no other codec covers. Reading accepts only what values of the
     * declared types are made of (see {@link SerialAllowList}): {@code type}, the classes in
     * {@code alsoAllowed}, their subclasses, Serializable superclasses, field types and enclosing
     * instances; primitives, the JDK's boxes and numbers, {@code String}, enums, and the JDK's
     * collections — anything else is rejected by an {@link ObjectInputFilter} before it is
     * instantiated, naming its class. The graph is limited in depth, references and array lengths
     * (none longer than the bytes sent). (A declared type of {@code Object} therefore allows
     * anything serializable: declare the real type to keep the allow-list tight.) Writing a value
     * that is not {@link Serializable} fails with an {@link IOException} naming its class.
     */
    public static <T> Codec<T> serialized(Class<T> type, Class<?>... alsoAllowed) {
        List<Class<?>> declared = new ArrayList<>(List.of(alsoAllowed));
        declared.add(0, type);
        SerialAllowList allowed = new SerialAllowList(declared);
        ClassLoader loader = type.getClassLoader();
        return nullSafe((out, value) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(value);
            } catch (NotSerializableException e) {
                throw new NotSerializableException(value.getClass().getName()
                        + " (a " + type.getName() + " value) is not Serializable: make it Serializable, or a record,"
                        + " to send it to a child-JVM worker (it reached " + e.getMessage() + ")");
            }
            BYTE_ARRAY.write(out, bytes.toByteArray());
        }, in -> {
            byte[] data = BYTE_ARRAY.read(in);
            SerialAllowList.Filter filter = allowed.filter(data.length);
            try (ObjectInputStream objects = new LoaderObjectInputStream(new ByteArrayInputStream(data), loader)) {
                objects.setObjectInputFilter(filter);
                return type.cast(objects.readObject());
            } catch (ClassNotFoundException e) {
                throw new InvalidClassException(e.getMessage(), "class not found while reading a " + type.getName());
            } catch (InvalidClassException e) {
                String why = filter.rejection();
                if (why == null) {
                    throw e;
                }
                InvalidClassException named = new InvalidClassException("cannot read a " + type.getName()
                        + " sent between JVMs: " + why);
                named.initCause(e);
                throw named;
            }
        });
    }

    /**
     * Resolves classes through the loader of the codec's type (then the thread's context loader),
     * not through whatever loader happens to be nearest on the stack.
     */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            for (ClassLoader candidate : new ClassLoader[] {loader, Thread.currentThread().getContextClassLoader()}) {
                if (candidate != null) {
                    try {
                        return Class.forName(desc.getName(), false, candidate);
                    } catch (ClassNotFoundException tryNext) {
                        // fall through to the next loader, then the default resolution
                    }
                }
            }
            return super.resolveClass(desc);
        }
    }

    /** Stands for natural order in {@link #readOrder}'s answer; never used to compare. */
    private static final Comparator<Object> NATURAL = (a, b) -> {
        throw new AssertionError("marker only");
    };
    private static final int UNSORTED = 0;
    private static final int NATURAL_ORDER = 1;
    private static final int COMPARATOR = 2;

    /**
     * The order of a set or map: unsorted, natural order, or a comparator of the JDK's own
     * ({@code String.CASE_INSENSITIVE_ORDER}, {@code Comparator.reverseOrder()}, ...), which is
     * serialized. Any other comparator cannot be allow-listed, so it fails here, naming its class,
     * rather than arriving as an unsorted collection that answers lookups differently.
     */
    private static void writeOrder(DataOutput out, Comparator<?> comparator, boolean sorted) throws IOException {
        if (!sorted) {
            out.writeByte(UNSORTED);
        } else if (comparator == null) {
            out.writeByte(NATURAL_ORDER);
        } else if (!isJdkComparator(comparator.getClass()) || !(comparator instanceof Serializable)) {
            throw new NotSerializableException("the comparator " + comparator.getClass().getName()
                    + " of a sorted set or map cannot be sent to a child-JVM worker: use natural order or a"
                    + " serializable JDK comparator (String.CASE_INSENSITIVE_ORDER, Comparator.reverseOrder()),"
                    + " or declare the parameter as the sorted type with a Serializable comparator class");
        } else {
            out.writeByte(COMPARATOR);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(comparator);
            }
            BYTE_ARRAY.write(out, bytes.toByteArray());
        }
    }

    /** {@code null} for unsorted, {@link #NATURAL}, or the comparator {@link #writeOrder} wrote. */
    @SuppressWarnings("unchecked")
    private static <E> Comparator<? super E> readOrder(DataInput in) throws IOException {
        int kind = in.readByte();
        switch (kind) {
            case UNSORTED:
                return null;
            case NATURAL_ORDER:
                return (Comparator<? super E>) NATURAL;
            case COMPARATOR:
                byte[] data = BYTE_ARRAY.read(in);
                try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(data))) {
                    objects.setObjectInputFilter(info -> info.serialClass() == null
                            ? ObjectInputFilter.Status.UNDECIDED
                            : isJdkComparator(info.serialClass()) ? ObjectInputFilter.Status.ALLOWED
                            : ObjectInputFilter.Status.REJECTED);
                    return (Comparator<? super E>) objects.readObject();
                } catch (ClassNotFoundException e) {
                    throw new InvalidClassException(e.getMessage(), "class not found while reading a comparator");
                }
            default:
                throw new IOException("corrupt stream: collection order " + kind);
        }
    }

    /** A comparator of the JDK's own ({@code java.lang} or {@code java.util}): safe to deserialize. */
    private static boolean isJdkComparator(Class<?> c) {
        String name = c.getName();
        return Comparator.class.isAssignableFrom(c) && (name.startsWith("java.util.") || name.startsWith("java.lang."));
    }

    private static <E> void writeAll(DataOutput out, Collection<E> values, Codec<E> element) throws IOException {
        out.writeInt(values.size());
        for (E e : values) {
            element.write(out, e);
        }
    }

    /**
     * Arrays of ints, longs, floats and doubles cross in blocks of at most this many bytes, each
     * one bulk copy in the {@link DataOutput} byte order (big-endian, as {@code writeDouble}
     * writes), instead of one call per element: fast even before the JIT has compiled anything,
     * as in a child JVM that has just started and decodes its shared receiver.
     */
    static final int BLOCK_BYTES = 8192;

    private static void writeInts(DataOutput out, int[] a) throws IOException {
        out.writeInt(a.length);
        byte[] block = block(a.length, 4);
        IntBuffer view = ByteBuffer.wrap(block).asIntBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 4, a.length - i);
            view.clear();
            view.put(a, i, n);
            out.write(block, 0, n * 4);
            i += n;
        }
    }

    private static int[] readInts(DataInput in) throws IOException {
        int[] a = new int[length(in)];
        byte[] block = block(a.length, 4);
        IntBuffer view = ByteBuffer.wrap(block).asIntBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 4, a.length - i);
            in.readFully(block, 0, n * 4);
            view.clear();
            view.get(a, i, n);
            i += n;
        }
        return a;
    }

    private static void writeLongs(DataOutput out, long[] a) throws IOException {
        out.writeInt(a.length);
        byte[] block = block(a.length, 8);
        LongBuffer view = ByteBuffer.wrap(block).asLongBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 8, a.length - i);
            view.clear();
            view.put(a, i, n);
            out.write(block, 0, n * 8);
            i += n;
        }
    }

    private static long[] readLongs(DataInput in) throws IOException {
        long[] a = new long[length(in)];
        byte[] block = block(a.length, 8);
        LongBuffer view = ByteBuffer.wrap(block).asLongBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 8, a.length - i);
            in.readFully(block, 0, n * 8);
            view.clear();
            view.get(a, i, n);
            i += n;
        }
        return a;
    }

    private static void writeFloats(DataOutput out, float[] a) throws IOException {
        out.writeInt(a.length);
        byte[] block = block(a.length, 4);
        FloatBuffer view = ByteBuffer.wrap(block).asFloatBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 4, a.length - i);
            view.clear();
            view.put(a, i, n);
            out.write(block, 0, n * 4);
            i += n;
        }
    }

    private static float[] readFloats(DataInput in) throws IOException {
        float[] a = new float[length(in)];
        byte[] block = block(a.length, 4);
        FloatBuffer view = ByteBuffer.wrap(block).asFloatBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 4, a.length - i);
            in.readFully(block, 0, n * 4);
            view.clear();
            view.get(a, i, n);
            i += n;
        }
        return a;
    }

    private static void writeDoubles(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        byte[] block = block(a.length, 8);
        DoubleBuffer view = ByteBuffer.wrap(block).asDoubleBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 8, a.length - i);
            view.clear();
            view.put(a, i, n);
            out.write(block, 0, n * 8);
            i += n;
        }
    }

    private static double[] readDoubles(DataInput in) throws IOException {
        double[] a = new double[length(in)];
        byte[] block = block(a.length, 8);
        DoubleBuffer view = ByteBuffer.wrap(block).asDoubleBuffer();
        for (int i = 0; i < a.length; ) {
            int n = Math.min(block.length / 8, a.length - i);
            in.readFully(block, 0, n * 8);
            view.clear();
            view.get(a, i, n);
            i += n;
        }
        return a;
    }

    /** A block buffer for {@code length} elements of {@code size} bytes. */
    private static byte[] block(int length, int size) {
        return new byte[(int) Math.min(BLOCK_BYTES, (long) length * size)];
    }

    private static int length(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt stream: negative length " + n);
        }
        if (n > Wire.MAX_FRAME_BYTES) {
            // every element takes at least one byte of a frame: a longer length is corrupt, and
            // allocating it would let the peer choose how much memory this JVM spends
            throw new IOException("corrupt stream: length " + n + " exceeds the frame limit of "
                    + Wire.MAX_FRAME_BYTES + " bytes");
        }
        return n;
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] utf8 = new byte[length(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
