package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpire4j.tests.fixtures.LookupsParallel;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A sorted set or map answers lookups the same on every worker kind: child JVMs receive it with
 * its comparator, not as an unsorted copy.
 */
@EveryWorkerKind
class SortedCollectionsTest extends PoolContract {

    private static TreeSet<String> caseInsensitive(String... words) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(words));
        return set;
    }

    @Test
    void setsKeepTheirComparator() {
        TreeSet<String> words = caseInsensitive("apple", "Pear");
        TreeSet<String> reversed = new TreeSet<>(Comparator.reverseOrder());
        reversed.addAll(List.of("a", "b", "c"));
        try (var pool = LookupsParallel.create(options())) {
            assertEquals(true, pool.inSet(words, "APPLE"));
            assertEquals(true, pool.inTreeSet(words, "PEAR"));
            assertEquals("c", pool.first().apply(reversed));
            assertEquals("a", pool.first().apply(new TreeSet<>(List.copyOf(reversed))), "natural order stays natural");
        }
    }

    @Test
    void mapsKeepTheirComparator() {
        TreeMap<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        counts.put("apple", 1);
        counts.put("pear", 2);
        TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(counts);
        try (var pool = LookupsParallel.create(options())) {
            assertEquals(1, pool.inMap(counts, "APPLE"));
            assertEquals(2, pool.inTreeMap(counts, "Pear"));
            assertEquals("pear", pool.firstKey(reversed));
        }
    }
}
