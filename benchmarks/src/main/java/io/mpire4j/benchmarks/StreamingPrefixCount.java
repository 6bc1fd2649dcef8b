package io.mpire4j.benchmarks;

import java.util.Arrays;

/**
 * One worker's count of word prefixes: for every word (20 bytes) of every document it sees, each
 * prefix of length 1..19 is hashed to a {@code long} key and counted in an open-addressing
 * {@code long → int} table with linear probing. Counting allocates nothing; the table doubles when
 * it is three quarters full.
 *
 * <p>Not thread-safe: each worker owns one, which is the point of the workload.
 */
final class StreamingPrefixCount {
    static final int WORD = 20;
    static final int POPULAR_ABOVE = 3;
    /** Stands in for the key 0, which marks an empty slot. */
    private static final long ZERO_KEY = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[1 << 16];
    private int[] counts = new int[1 << 16];
    private int size;
    private long increments;

    /** Counts every prefix of every word of {@code document} (a multiple of {@link #WORD} bytes). */
    void add(byte[] document) {
        for (int start = 0; start + WORD <= document.length; start += WORD) {
            long hash = 0xcbf29ce484222325L; // FNV-1a over the prefix bytes, one byte at a time
            for (int length = 1; length < WORD; length++) {
                hash = (hash ^ (document[start + length - 1] & 0xff)) * 0x100000001b3L;
                increment(Checksums.mix(hash + length));
            }
        }
    }

    private void increment(long key) {
        if (key == 0) {
            key = ZERO_KEY;
        }
        int mask = keys.length - 1;
        int slot = (int) key & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                counts[slot]++;
                increments++;
                return;
            }
            if (k == 0) {
                keys[slot] = key;
                counts[slot] = 1;
                increments++;
                if (++size > keys.length - (keys.length >>> 2)) {
                    grow();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key != 0) {
                int slot = (int) key & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                counts[slot] = oldCounts[i];
            }
        }
    }

    /**
     * This worker's popular prefixes (count above 3), sorted, and a checksum of every count it holds.
     * The checksum is a sum over (key, count) pairs, so the sum over workers does not depend on how
     * the documents were spread over them.
     */
    Summary summary() {
        long[] popular = new long[16];
        int found = 0;
        long checksum = 0;
        for (int i = 0; i < keys.length; i++) {
            long key = keys[i];
            if (key != 0) {
                checksum += counts[i] * Checksums.mix(key);
                if (counts[i] > POPULAR_ABOVE) {
                    if (found == popular.length) {
                        popular = Arrays.copyOf(popular, found * 2);
                    }
                    popular[found++] = key;
                }
            }
        }
        popular = Arrays.copyOf(popular, found);
        Arrays.sort(popular);
        return new Summary(popular, checksum, increments);
    }

    /**
     * What a worker reports when it stops.
     *
     * @param popular its popular prefix keys, sorted
     * @param checksum the sum over its (key, count) pairs of {@code count × mix(key)}
     * @param increments how many prefixes it counted
     */
    record Summary(long[] popular, long checksum, long increments) {

        /** The union of the workers' popular sets, and the sums of their checksums and increments. */
        static Summary union(Iterable<Summary> perWorker) {
            long[] all = new long[0];
            long checksum = 0;
            long increments = 0;
            for (Summary s : perWorker) {
                long[] merged = Arrays.copyOf(all, all.length + s.popular.length);
                System.arraycopy(s.popular, 0, merged, all.length, s.popular.length);
                all = merged;
                checksum += s.checksum;
                increments += s.increments;
            }
            return new Summary(Arrays.stream(all).sorted().distinct().toArray(), checksum, increments);
        }
    }
}
