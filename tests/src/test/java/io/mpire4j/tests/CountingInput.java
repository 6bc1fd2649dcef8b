package io.mpire4j.tests;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Input 0, 1, 2, … (up to {@code size}, or without end) that counts how often it was read and
 * remembers how far reading ever got ahead of consumption: the test calls {@link #consumed()} for
 * every result it takes, and each read records {@code reads - consumed}.
 */
final class CountingInput implements Iterator<Integer>, Iterable<Integer> {
    private final long size;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong maxLead = new AtomicLong();
    private final int throwAt;

    private CountingInput(long size, int throwAt) {
        this.size = size;
        this.throwAt = throwAt;
    }

    /** {@code 0 … size-1}. */
    static CountingInput of(int size) {
        return new CountingInput(size, -1);
    }

    /** {@code 0, 1, 2, …} without end. */
    static CountingInput endless() {
        return new CountingInput(Long.MAX_VALUE, -1);
    }

    /** {@code 0 … size-1}, but reading element {@code index} throws {@link InputFailure}. */
    static CountingInput throwingAt(int size, int index) {
        return new CountingInput(size, index);
    }

    /** Thrown by an input made with {@link #throwingAt}. */
    static final class InputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputFailure(int index) {
            super("input failed at " + index);
        }
    }

    @Override
    public boolean hasNext() {
        return reads.get() < size;
    }

    @Override
    public Integer next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int index = reads.get();
        if (index == throwAt) {
            throw new InputFailure(index);
        }
        reads.incrementAndGet();
        maxLead.accumulateAndGet(index + 1 - consumed.get(), Math::max);
        return index;
    }

    /** Not a collection: its size is unknown to the pool. Iterating again continues where reading stopped. */
    @Override
    public Iterator<Integer> iterator() {
        return this;
    }

    /** Elements read so far. */
    int reads() {
        return reads.get();
    }

    /** The test took one more result. */
    void consumed() {
        consumed.incrementAndGet();
    }

    /** The most elements ever read but not yet consumed. */
    long maxLead() {
        return maxLead.get();
    }
}
