package io.mpire4j.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serial;

/**
 * The frames between a pool and its child-JVM workers ({@link io.mpire4j.StartMethod#PROCESSES}), and how
 * exceptions cross them.
 *
 * <p>After connecting, the child writes its token (long) and worker id (int), unframed. From then
 * on both sides exchange frames: {@code int length, byte type, payload[length]}. The parent sends
 * {@link #HELLO} (the encoded shared receiver) once; the child answers {@link #READY} or
 * {@link #START_FAILED}. Then, strictly request/response:
 * <pre>
 * INIT                                        → INIT_OK | INIT_FAILED(throwable)
 * CHUNK(int method, byte flags, int n, tasks) → [STARTED(int position) before each task if TIMED]
 *                                               RESULTS(int n, results[, n task nanos if MEASURED])
 *                                               | FAILED(int position, throwable)
 * EXIT                                        → EXIT_OK(result) | EXIT_FAILED(throwable)
 * SHUTDOWN                                    → the child exits with code 0
 * </pre>
 * Tasks and results use the method's codecs, exit results the program's exit codec. A throwable is
 * its text form (class name, message, stack trace, causes) followed by its Java serialization when
 * it has one; the reader deserializes only JDK throwables and those whose reading runs no code of
 * their own, holding JDK basics ({@link SerialAllowList#throwables()}), and falls back to the text
 * form ({@link ChildException}). No frame is longer than {@link #MAX_FRAME_BYTES}.
 *
 * <p>{@link Out} and {@link In} are not thread-safe: each side of a channel is used by one thread
 * (the slot's thread in the parent, the main thread in the child).
 */
final class Wire {
    private Wire() {}

    // parent → child
    static final byte HELLO = 1;
    static final byte INIT = 2;
    static final byte CHUNK = 3;
    static final byte EXIT = 4;
    static final byte SHUTDOWN = 5;
    // child → parent
    static final byte READY = 20;
    static final byte START_FAILED = 21;
    static final byte INIT_OK = 22;
    static final byte INIT_FAILED = 23;
    static final byte STARTED = 24;
    static final byte RESULTS = 25;
    static final byte FAILED = 26;
    static final byte EXIT_OK = 27;
    static final byte EXIT_FAILED = 28;

    /** Frames of a stack trace and causes of a throwable sent in its text form. */
    static final int MAX_STACK_FRAMES = 1024;
    static final int MAX_CAUSES = 8;
    private static final StackTraceElement UNKNOWN_FRAME = new StackTraceElement("?", "?", null, -1);

    /**
     * The longest frame either side reads: a length above it is refused as corrupt rather than
     * allocated (256 MiB; arguments, results and receivers larger than that do not fit one frame).
     */
    static final int MAX_FRAME_BYTES = 256 << 20;

    /** Writes frames: the payload is built in {@link #begin()}'s stream, then sent in one piece. */
    static final class Out {
        private final DataOutputStream channel;
        private final Bytes payload = new Bytes();
        private final DataOutputStream data = new DataOutputStream(payload);

        Out(OutputStream raw) {
            this.channel = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
        }

        /** Starts a frame: returns the stream to write its payload to. */
        DataOutputStream begin() {
            payload.reset();
            return data;
        }

        /** Sends the frame begun last, with {@code type}, and flushes. */
        void send(byte type) throws IOException {
            data.flush();
            if (payload.size() > MAX_FRAME_BYTES) {
                int size = payload.size();
                payload.reset();
                payload.trim();
                throw new IOException("a frame of " + size + " bytes exceeds the limit of " + MAX_FRAME_BYTES
                        + " bytes between JVMs: send smaller arguments, results or chunks");
            }
            channel.writeInt(payload.size());
            channel.writeByte(type);
            payload.writeTo(channel);
            channel.flush();
            payload.trim();
        }

        /** Sends a frame without payload. */
        void sendEmpty(byte type) throws IOException {
            begin();
            send(type);
        }
    }

    /** Reads frames; {@link #data} reads the payload of the frame read last. */
    static final class In {
        private final DataInputStream channel;
        private final Source source = new Source();
        final DataInputStream data = new DataInputStream(source);
        private byte[] buffer = new byte[512];

        In(InputStream raw) {
            this.channel = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        }

        /** Reads the next frame and returns its type; throws {@link EOFException} at the end of the stream. */
        byte next() throws IOException {
            int length = channel.readInt();
            byte type = channel.readByte();
            if (length < 0) {
                throw new IOException("corrupt frame: negative length " + length);
            }
            if (length > MAX_FRAME_BYTES) {
                throw new IOException("corrupt frame: length " + length + " exceeds the limit of "
                        + MAX_FRAME_BYTES + " bytes");
            }
            if (buffer.length < length || buffer.length > (1 << 20) && length < (1 << 16)) {
                buffer = new byte[Math.max(length, 512)];
            }
            channel.readFully(buffer, 0, length);
            source.set(buffer, length);
            return type;
        }
    }

    /** A byte-array output stream that shows its size and forgets a large buffer after use. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(512);
        }

        void trim() {
            if (buf.length > (1 << 20)) {
                buf = new byte[512];
            }
        }
    }

    /** A byte-array input stream that can be pointed at new contents. */
    private static final class Source extends ByteArrayInputStream {
        Source() {
            super(new byte[0]);
        }

        void set(byte[] bytes, int length) {
            this.buf = bytes;
            this.pos = 0;
            this.count = length;
            this.mark = 0;
        }
    }

    static IOException unexpected(byte type, String context) {
        return new IOException("protocol error: unexpected frame type " + type + " " + context);
    }

    // ---------------------------------------------------------------- throwables

    /** Writes {@code t}: its text form, then its serialization if it can be serialized. */
    static void writeThrowable(DataOutput out, Throwable t) throws IOException {
        writeText(out, t, 0);
        byte[] serialized = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(t);
            }
            serialized = bytes.toByteArray();
        } catch (Throwable notSerializable) {
            ErrorReport.rethrowIfFatal(notSerializable);
            // the text form stands in (a user writeObject may throw anything)
        }
        Codecs.BYTE_ARRAY.write(out, serialized);
    }

    /**
     * The text form of {@code t} and its causes. User overrides of {@code getMessage},
     * {@code getStackTrace} and {@code getCause} may throw: each is guarded, with a stand-in.
     */
    private static void writeText(DataOutput out, Throwable t, int depth) throws IOException {
        Codecs.STRING.write(out, t.getClass().getName());
        Codecs.STRING.write(out, ErrorReport.messageOf(t));
        StackTraceElement[] stack;
        try {
            stack = t.getStackTrace();
        } catch (Throwable e) {
            ErrorReport.rethrowIfFatal(e);
            stack = new StackTraceElement[0];
        }
        int frames = stack == null ? 0 : Math.min(stack.length, MAX_STACK_FRAMES);
        out.writeInt(frames);
        for (int i = 0; i < frames; i++) {
            StackTraceElement e = stack[i] == null ? UNKNOWN_FRAME : stack[i];
            Codecs.STRING.write(out, e.getClassName());
            Codecs.STRING.write(out, e.getMethodName());
            Codecs.STRING.write(out, e.getFileName());
            out.writeInt(e.getLineNumber());
        }
        Throwable cause;
        try {
            cause = t.getCause();
        } catch (Throwable e) {
            ErrorReport.rethrowIfFatal(e);
            cause = null;
        }
        boolean more = cause != null && cause != t && depth < MAX_CAUSES;
        out.writeBoolean(more);
        if (more) {
            writeText(out, cause, depth + 1);
        }
    }

    /**
     * Reads what {@link #writeThrowable} wrote: the original throwable if every class in it is
     * allowed ({@link SerialAllowList#throwables()}: JDK exceptions, and exceptions whose reading
     * runs no code of their own, holding JDK values), else its text form ({@link ChildException}).
     */
    static Throwable readThrowable(DataInput in) throws IOException {
        ChildException text = readText(in, 0);
        byte[] serialized = Codecs.BYTE_ARRAY.read(in);
        if (serialized != null) {
            try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
                objects.setObjectInputFilter(THROWABLES.filter(serialized.length));
                if (objects.readObject() instanceof Throwable original) {
                    return original;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException rejected) {
                // the text form stands in
            }
        }
        return text;
    }

    private static final SerialAllowList THROWABLES = SerialAllowList.throwables();

    private static ChildException readText(DataInput in, int depth) throws IOException {
        String className = Codecs.STRING.read(in);
        String message = Codecs.STRING.read(in);
        int n = in.readInt();
        if (n < 0 || n > MAX_STACK_FRAMES) {
            throw new IOException("corrupt frame: stack depth " + n);
        }
        StackTraceElement[] stack = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            String declaring = Codecs.STRING.read(in);
            String method = Codecs.STRING.read(in);
            String file = Codecs.STRING.read(in);
            int line = in.readInt();
            stack[i] = new StackTraceElement(declaring == null ? "?" : declaring, method == null ? "?" : method,
                    file, line);
        }
        boolean more = in.readBoolean();
        if (more && depth >= MAX_CAUSES) {
            throw new IOException("corrupt frame: more than " + MAX_CAUSES + " causes");
        }
        ChildException cause = more ? readText(in, depth + 1) : null;
        ChildException text = new ChildException(className == null ? "?" : className, message, cause);
        text.setStackTrace(stack);
        return text;
    }

    /**
     * Stands in for an exception thrown in a child JVM that could not be sent as itself (not
     * serializable, or holding values the parent does not deserialize): it prints as the original
     * ({@code com.example.Oops: message}) and carries the original stack trace and causes.
     */
    static final class ChildException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String originalClass;

        ChildException(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        /** The class of the exception thrown in the child. */
        String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
