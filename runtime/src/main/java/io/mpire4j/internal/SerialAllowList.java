package io.mpire4j.internal;

import java.io.Externalizable;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The classes a Java-serialized value may contain when it is read back from another JVM, and the
 * {@link ObjectInputFilter} that enforces them with limits on depth, references and array lengths.
 *
 * <p>Always allowed: primitives, {@code String}, {@code Boolean}, {@code Character}, the JDK's
 * {@link Number}s (boxes, {@code BigInteger}, {@code BigDecimal}, atomics — no other {@code Number}),
 * enums, {@code Object} itself (as in {@code Object[]}), and the JDK's collections and map entries
 * ({@code HashMap} checks its table as a {@code Map.Entry[]}). Beyond those, what the declared types
 * need: each declared class and its subclasses; the Serializable superclasses of an allowed class
 * (exactly: their stream descriptors come first); the non-JDK types of its serialized fields, with
 * their subclasses; and an inner class whose enclosing instance ({@code this$0}) is of an allowed
 * class — a generic outer class often holds its inner nodes through erased {@code Object} fields.
 *
 * <p>Immutable and thread-safe; {@link #filter} makes a filter for one read.
 */
final class SerialAllowList {
    /** How deep a graph may nest. */
    static final long MAX_DEPTH = 1_000;
    /** How many references a graph may hold. */
    static final long MAX_REFERENCES = 1_000_000;

    /** Allowed with their subclasses. */
    private final Set<Class<?>> roots = new HashSet<>();
    /** Allowed exactly. */
    private final Set<Class<?>> exact = new HashSet<>();
    /** Further classes allowed (exactly as the predicate says); for throwables. */
    private final Predicate<Class<?>> extra;

    /** The allow-list of values whose declared types are {@code declared}. */
    SerialAllowList(Collection<Class<?>> declared) {
        this.extra = c -> false;
        Deque<Class<?>> work = new ArrayDeque<>();
        for (Class<?> c : declared) {
            Class<?> element = elementOf(c);
            // a declared type is allowed with its subclasses even if the JDK's (Object: anything)
            if (!element.isPrimitive() && roots.add(element) && !isJdk(element)) {
                work.add(element);
            }
        }
        Set<Class<?>> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Class<?> c = work.poll();
            if (c.isPrimitive() || isJdk(c) || !seen.add(c)) {
                continue; // the JDK's field types are left to the JDK basics: their fields are not walked
            }
            roots.add(c);
            for (Class<?> s = c.getSuperclass(); s != null && Serializable.class.isAssignableFrom(s);
                    s = s.getSuperclass()) {
                exact.add(s);
            }
            Class<?> outer = enclosingInstanceClass(c);
            if (outer != null) {
                work.add(outer);
            }
            try {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                        work.add(elementOf(f.getType()));
                    }
                }
            } catch (LinkageError | SecurityException unreadable) {
                // its fields stay unknown: values reaching them must be declared
            }
        }
    }

    private SerialAllowList(Predicate<Class<?>> extra) {
        this.extra = extra;
    }

    /**
     * The allow-list for exceptions sent as themselves: JDK throwables, and throwables of other
     * code only when reading them runs none of its code (no {@code readObject},
     * {@code readObjectNoData}, {@code readResolve} or {@code Externalizable} outside the JDK);
     * besides, only the JDK values above and {@link StackTraceElement}.
     */
    static SerialAllowList throwables() {
        return new SerialAllowList(c -> c == StackTraceElement.class
                || Throwable.class.isAssignableFrom(c) && (isJdk(c) || readsAsData(c)));
    }

    /** Whether reading {@code type} from a stream only sets its fields (no code of its own runs). */
    static boolean readsAsData(Class<?> type) {
        if (Externalizable.class.isAssignableFrom(type)) {
            return false;
        }
        for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
            for (String hook : new String[] {"readObject", "readObjectNoData", "readResolve"}) {
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(hook)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether {@code c} (an array's element type for an array) may appear in the stream. */
    boolean allows(Class<?> c) {
        c = elementOf(c);
        if (c.isPrimitive() || c == String.class || c == Boolean.class || c == Character.class || c == Object.class
                || c == Enum.class || c.isEnum() || c.getSuperclass() != null && c.getSuperclass().isEnum()) {
            return true;
        }
        if (Number.class.isAssignableFrom(c)) {
            return isJdk(c); // the JDK's numbers; a Number of other code is allowed only if declared (below)
        }
        if (isJdk(c) && java.util.Comparator.class.isAssignableFrom(c)) {
            return true; // what keeps a TreeSet or TreeMap sorted as it was, e.g. String.CASE_INSENSITIVE_ORDER
        }
        String name = c.getName();
        if (isJdk(c) && name.startsWith("java.util.") && (Collection.class.isAssignableFrom(c)
                || Map.class.isAssignableFrom(c) || Map.Entry.class.isAssignableFrom(c)
                || name.startsWith("java.util.ImmutableCollections") || name.equals("java.util.CollSer"))) {
            return true;
        }
        if (exact.contains(c) || extra.test(c)) {
            return true;
        }
        for (Class<?> root : roots) {
            if (root.isAssignableFrom(c)) {
                return true;
            }
        }
        Class<?> outer = enclosingInstanceClass(c);
        return outer != null && outer != c && Serializable.class.isAssignableFrom(c) && allows(outer);
    }

    /** A filter for reading one stream of {@code streamBytes} bytes. */
    Filter filter(long streamBytes) {
        return new Filter(streamBytes);
    }

    /** Enforces the list for one read, and remembers why it rejected. Used by the reading thread only. */
    final class Filter implements ObjectInputFilter {
        private final long maxArrayLength;
        private String rejection;

        private Filter(long streamBytes) {
            // every element of an array takes at least one byte of the stream
            this.maxArrayLength = Math.max(streamBytes, 1024);
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > MAX_DEPTH) {
                return reject("the graph is nested deeper than " + MAX_DEPTH + " levels");
            }
            if (info.references() > MAX_REFERENCES) {
                return reject("the graph holds more than " + MAX_REFERENCES + " references");
            }
            if (info.arrayLength() > maxArrayLength) {
                return reject("an array of " + info.arrayLength() + " elements in a stream of "
                        + maxArrayLength + " bytes");
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return Status.UNDECIDED;
            }
            if (allows(c)) {
                return Status.ALLOWED;
            }
            return reject("class " + c.getName() + " is not allowed: not a declared type, nor one of their "
                    + "subclasses, fields or JDK values; declare the type that holds it");
        }

        private Status reject(String why) {
            if (rejection == null) {
                rejection = why;
            }
            return Status.REJECTED;
        }

        /** Why the read was rejected, or null if it was not. */
        String rejection() {
            return rejection;
        }
    }

    /** The class of {@code c}'s enclosing instance ({@code this$0}), or null if it has none. */
    private static Class<?> enclosingInstanceClass(Class<?> c) {
        if (Modifier.isStatic(c.getModifiers()) || c.isInterface() || c.isEnum() || c.isRecord()) {
            return null;
        }
        try {
            Class<?> outer = c.getEnclosingClass();
            if (outer == null) {
                return null;
            }
            for (Field f : c.getDeclaredFields()) {
                if (f.isSynthetic() && f.getName().startsWith("this$") && f.getType() == outer) {
                    return outer;
                }
            }
            return null;
        } catch (LinkageError | SecurityException unreadable) {
            return null;
        }
    }

    /** Whether the JDK defines {@code c} (the boot or platform loader): code of neither the user nor a library. */
    static boolean isJdk(Class<?> c) {
        ClassLoader loader = elementOf(c).getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static Class<?> elementOf(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }
}
