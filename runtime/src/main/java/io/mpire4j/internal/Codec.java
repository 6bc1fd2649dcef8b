package io.mpire4j.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads values of one type on the channel between a pool and its child-JVM workers
 * ({@link io.mpire4j.StartMethod#PROCESSES}). Generated {@code *Parallel} classes compose these from
 * {@link Codecs} for every task, result, receiver and exit type, so values cross without
 * reflection; user code has no need for it.
 *
 * <p>Implementations are stateless and thread-safe. Every codec from {@link Codecs} accepts
 * {@code null}.
 *
 * @param <T> the type written and read
 */
public interface Codec<T> {

    /** Writes {@code value}. */
    void write(DataOutput out, T value) throws IOException;

    /** Reads a value written by {@link #write}. */
    T read(DataInput in) throws IOException;

    /** Writes a value of a non-null type. */
    @FunctionalInterface
    interface Writer<T> {
        void write(DataOutput out, T value) throws IOException;
    }

    /** Reads a value of a non-null type. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /**
     * A null-safe codec from a writer and a reader of non-null values: generated code builds record
     * codecs this way, writing each component with its own codec and reading through the canonical
     * constructor.
     */
    static <T> Codec<T> of(Writer<? super T> writer, Reader<? extends T> reader) {
        return Codecs.nullSafe(writer, reader);
    }
}
