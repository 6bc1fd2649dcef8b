package io.mpire4j.hazelcast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The sending end of a link: collects what the frame writer writes and hands it over as one
 * message on {@link #flush()}, which the frame writer calls once per frame. Confined to the link's
 * own thread.
 */
final class Outbox extends OutputStream {
    /** Where a flushed message goes. */
    interface Sink {
        void send(byte[] bytes, int length) throws IOException;
    }

    private final Buffer buffer = new Buffer();
    private final Sink sink;
    private boolean closed;

    Outbox(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        open();
        buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        open();
        buffer.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        open();
        if (buffer.size() > 0) {
            try {
                sink.send(buffer.bytes(), buffer.size());
            } catch (RuntimeException e) {
                throw new IOException("could not send to the other side: " + e, e);
            } finally {
                buffer.reset();
                buffer.trim();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void open() throws IOException {
        if (closed) {
            throw new IOException("the link is closed");
        }
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }

        void trim() {
            if (buf.length > (1 << 20)) {
                buf = new byte[1024];
            }
        }
    }
}
