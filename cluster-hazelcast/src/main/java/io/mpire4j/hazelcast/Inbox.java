package io.mpire4j.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The receiving end of a link: the payloads of the messages a topic listener hands in
 * ({@link #add}, any thread), read as one stream by the link's own thread. {@link #close} ends the
 * stream: a reader at the end gets {@code -1} ({@link java.io.EOFException} from the frame reader)
 * once what arrived before is read. Until the first message arrives, a read waits at most
 * {@code firstWithinNanos} (0: forever), then throws an {@link IOException} with the text of
 * {@code silent}: a member that never answers fails the start of a slot instead of hanging it.
 */
final class Inbox extends InputStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final long firstWithinNanos;
    private final Supplier<String> silent;
    private byte[] current;
    private int position;
    private int limit;
    private boolean started;
    private boolean ended;

    Inbox(long firstWithinNanos, Supplier<String> silent) {
        this.firstWithinNanos = firstWithinNanos;
        this.silent = silent;
    }

    /** Appends {@code bytes[offset…]}; the array is not copied and must not change. Any thread. */
    void add(byte[] bytes, int offset) {
        if (bytes.length > offset) {
            items.add(new Segment(bytes, offset));
        }
    }

    /** Appends bytes that will be known later (a receiver frame another slot brings). Any thread. */
    void add(CompletableFuture<byte[]> later) {
        items.add(later);
    }

    /** Ends the stream after what was added so far. Any thread, idempotent. */
    @Override
    public void close() {
        items.add(END);
    }

    /** Ends the stream after what was added so far with a reason: reading on throws an IOException saying it. */
    void fail(String why) {
        items.add(new Failure(why));
    }

    private record Segment(byte[] bytes, int offset) {}

    private record Failure(String why) {}

    /** Makes bytes available; false at the end of the stream. */
    private boolean fill() throws IOException {
        while (current == null || position >= limit) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                if (!started && firstWithinNanos > 0) {
                    next = items.poll(firstWithinNanos, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        throw new IOException(silent.get());
                    }
                } else {
                    next = items.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the other side");
            }
            started = true;
            if (next instanceof Failure f) {
                items.add(f); // later reads fail too
                throw new IOException(f.why());
            }
            if (next == END) {
                ended = true;
                items.add(END); // later reads see the end too
                return false;
            }
            if (next instanceof Segment s) {
                current = s.bytes();
                position = s.offset();
                limit = s.bytes().length;
            } else {
                @SuppressWarnings("unchecked")
                CompletableFuture<byte[]> later = (CompletableFuture<byte[]>) next;
                try {
                    current = later.get(Links.OPEN_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the shared receiver");
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("the shared receiver never arrived from the caller", e);
                }
                position = 0;
                limit = current.length;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : limit - position;
    }
}
