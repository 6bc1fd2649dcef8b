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

    public static final Codec<Boolean> BOOLEAN = nullSafe(DataOutput::writeBoolean, DataInput::readBoolean);
    public static final Codec<Byte> BYTE = nullSafe((out, v) -> out.writeByte(v), DataInput::readByte);
    public static final Codec<Short> SHORT = nullSafe((out, v) -> out.writeShort(v), DataInput::readShort);
    public static final Codec<Character> CHAR = nullSafe((out, v) -> out.writeChar(v), DataInput::readChar);
    public static final Codec<Integer> INT = nullSafe(DataOutput::writeInt, DataInput::readInt);
    public static final Codec<Long> LONG = nullSafe(DataOutput::writeLong, DataInput::readLong);
    public static final Codec<Float> FLOAT = nullSafe(DataOutput::writeFloat, DataInput::readFloat);
    public static final Codec<Double> DOUBLE = nullSafe(DataOutput::writeDouble, DataInput::readDouble);
    /** Strings of any length (not limited to 64 KiB like {@code writeUTF}). */
    public static final Codec<String> STRING = nullSafe(Codecs::writeString, Codecs::readString);

    public static final Codec<boolean[]> BOOLEAN_ARRAY = nullSafe((out, a) -> {
        out.writeInt(a.length);
        for (boolean v : a) {
            out.writeBoolean(v);
        }
    }, in -> {
        boolean[] a = new boolean[length(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readBoolean();
        }
        return a;
    });

    public static final Codec<byte[]> BYTE_ARRAY = nullSafe((out, a) -> {
        out.writeInt(a.length);
        out.write(a);
    }, in -> {
        byte[] a = new byte[length(in)];
        in.readFully(a);
        return a;
    });

    public static final Codec<short[]> SHORT_ARRAY = nullSafe((out, a) -> {
        out.writeInt(a.length);
        for (short v : a) {
            out.writeShort(v);
        }
    }, in -> {
        short[] a = new short[length(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readShort();
        }
        return a;
    });

    public static final Codec<char[]> CHAR_ARRAY = nullSafe((out, a) -> {
        out.writeInt(a.length);
        for (char v : a) {
            out.writeChar(v);
        }
    }, in -> {
        char[] a = new char[length(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readChar();
        }
        return a;
    });

    public static final Codec<int[]> INT_ARRAY = nullSafe((out, a) -> {
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
    }, in -> {
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
    });

    public static final Codec<long[]> LONG_ARRAY = nullSafe((out, a) -> {
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
    }, in -> {
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
    });

    public static final Codec<float[]> FLOAT_ARRAY = nullSafe((out, a) -> {
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
    }, in -> {
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
    });

    public static final Codec<double[]> DOUBLE_ARRAY = nullSafe((out, a) -> {
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
    }, in -> {
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
    });

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
    public static final Codec<java.nio.file.Path> PATH = nullSafe((out, p) -> writeString(out, p.toString()),
            in -> java.nio.file.Path.of(readString(in)));
    /** A URI, as its string. */
    public static final Codec<java.net.URI> URI = nullSafe((out, u) -> writeString(out, u.toString()),
            in -> java.net.URI.create(readString(in)));
    public static final Codec<java.util.UUID> UUID = nullSafe((out, u) -> {
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
    }, in -> new java.util.UUID(in.readLong(), in.readLong()));
    /** A big integer, as its two's-complement bytes. */
    public static final Codec<java.math.BigInteger> BIG_INTEGER = nullSafe(
            (out, b) -> BYTE_ARRAY.write(out, b.toByteArray()), in -> new java.math.BigInteger(BYTE_ARRAY.read(in)));
    /** A big decimal, as its unscaled value and scale: exact, {@code 1.10} stays {@code 1.10}. */
    public static final Codec<java.math.BigDecimal> BIG_DECIMAL = nullSafe((out, d) -> {
        BYTE_ARRAY.write(out, d.unscaledValue().toByteArray());
        out.writeInt(d.scale());
    }, in -> new java.math.BigDecimal(new java.math.BigInteger(BYTE_ARRAY.read(in)), in.readInt()));
    public static final Codec<java.time.Instant> INSTANT = nullSafe((out, t) -> {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }, in -> java.time.Instant.ofEpochSecond(in.readLong(), in.readInt()));
    public static final Codec<java.time.Duration> DURATION = nullSafe((out, d) -> {
        out.writeLong(d.getSeconds());
        out.writeInt(d.getNano());
    }, in -> java.time.Duration.ofSeconds(in.readLong(), in.readInt()));
    public static final Codec<java.time.LocalDate> LOCAL_DATE = nullSafe((out, d) -> out.writeLong(d.toEpochDay()),
            in -> java.time.LocalDate.ofEpochDay(in.readLong()));
    public static final Codec<java.time.LocalTime> LOCAL_TIME = nullSafe((out, t) -> out.writeLong(t.toNanoOfDay()),
            in -> java.time.LocalTime.ofNanoOfDay(in.readLong()));
    public static final Codec<java.time.LocalDateTime> LOCAL_DATE_TIME = nullSafe((out, t) -> {
        out.writeLong(t.toLocalDate().toEpochDay());
        out.writeLong(t.toLocalTime().toNanoOfDay());
    }, in -> java.time.LocalDateTime.of(java.time.LocalDate.ofEpochDay(in.readLong()),
            java.time.LocalTime.ofNanoOfDay(in.readLong())));
    /** A zoned date-time, with its zone id: the same instant and the same zone rules on the other side. */
    public static final Codec<java.time.ZonedDateTime> ZONED_DATE_TIME = nullSafe((out, t) -> {
        INSTANT.write(out, t.toInstant());
        writeString(out, t.getZone().getId());
    }, in -> java.time.ZonedDateTime.ofInstant(INSTANT.read(in), java.time.ZoneId.of(readString(in))));

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
