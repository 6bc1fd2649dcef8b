package io.mpire4j.internal;

import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The payloads of the chunk frames between a pool and a remote worker, written and read in this
 * one place by both sides (the pool's {@link ChildWorker}, the child's {@link ChildMain}, and the
 * class-data training run that imitates the pool). The framing itself (length, type) and the frame
 * types are {@link Wire}'s:
 * <pre>
 * CHUNK    int method, byte flags (TIMED | MEASURED), int n, n tasks (the method's task codec)
 * STARTED  int position                          (before the first task, and before each when TIMED)
 * RESULTS  int n, n results (result codec), then n longs of task nanos when MEASURED
 * FAILED   int position, throwable ({@link Wire#writeThrowable}), int k, k results of the tasks before
 *          position (result codec; k is position, or 0 if they could not be written)
 * </pre>
 */
final class Frames {
    /** Flag: the tasks have a timeout, so the remote side announces each task as it starts. */
    static final int TIMED = 1;
    /** Flag: the pool records insights, so the remote side times each task. */
    static final int MEASURED = 2;

    private Frames() {}

    /** What a CHUNK frame says before its tasks. */
    record ChunkHeader(int method, boolean timed, boolean measured, int size) {}

    /** Begins a CHUNK frame and writes its header; the caller writes the tasks, then sends {@link Wire#CHUNK}. */
    static DataOutputStream beginChunk(Wire.Out out, int method, boolean timed, boolean measured, int size) {
        DataOutputStream payload = out.begin();
        try {
            payload.writeInt(method);
            payload.writeByte((timed ? TIMED : 0) | (measured ? MEASURED : 0));
            payload.writeInt(size);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte buffer does not fail
        }
        return payload;
    }

    /** Reads a CHUNK frame's header; the tasks follow in {@code in}. */
    static ChunkHeader readChunkHeader(DataInput in) throws IOException {
        int method = in.readInt();
        int flags = in.readUnsignedByte();
        int size = in.readInt();
        if (size < 0) {
            throw new IOException("protocol error: a chunk of " + size + " tasks");
        }
        return new ChunkHeader(method, (flags & TIMED) != 0, (flags & MEASURED) != 0, size);
    }

    /** Sends STARTED for the task at {@code position}. */
    static void sendStarted(Wire.Out out, int position) throws IOException {
        out.begin().writeInt(position);
        out.send(Wire.STARTED);
    }

    /** The position a STARTED frame names. */
    static int readStarted(DataInput in) throws IOException {
        return in.readInt();
    }

    /** Begins a RESULTS frame of {@code n} results; the caller writes them (and the nanos), then sends {@link Wire#RESULTS}. */
    static DataOutputStream beginResults(Wire.Out out, int n) throws IOException {
        DataOutputStream payload = out.begin();
        payload.writeInt(n);
        return payload;
    }

    /** Writes the task times that end a MEASURED RESULTS frame. */
    static void writeNanos(DataOutputStream payload, long[] nanos) throws IOException {
        for (long t : nanos) {
            payload.writeLong(t);
        }
    }

    /** The number of results a RESULTS frame holds. */
    static int readResultCount(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("protocol error: " + n + " results");
        }
        return n;
    }

    /** Reads the task times that end a MEASURED RESULTS frame. */
    static long[] readNanos(DataInput in, int n) throws IOException {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            nanos[i] = in.readLong();
        }
        return nanos;
    }

    /**
     * Sends FAILED: the task at {@code position} threw {@code cause}; {@code before} holds the
     * {@code count} results of the tasks before it, as the result codec wrote them ({@code count}
     * is 0 if they are not sent).
     */
    static void sendFailed(Wire.Out out, int position, Throwable cause, byte[] before, int count) throws IOException {
        DataOutputStream payload = out.begin();
        payload.writeInt(position);
        Wire.writeThrowable(payload, cause);
        payload.writeInt(count);
        payload.write(before, 0, count == 0 ? 0 : before.length);
        out.send(Wire.FAILED);
    }

    /** What a FAILED frame says before its results; {@code results} of them follow. */
    record Failed(int position, Throwable cause, int results) {}

    static Failed readFailed(DataInput in) throws IOException {
        int position = in.readInt();
        Throwable cause = Wire.readThrowable(in);
        int results = in.readInt();
        if (results != 0 && results != position) {
            throw new IOException("protocol error: " + results + " results before the failed task " + position);
        }
        return new Failed(position, cause, results);
    }
}
