package io.mpire4j.benchmarks;

import io.mpire4j.FileRanges;
import io.mpire4j.annotations.Parallel;
import java.io.IOException;
import java.util.Map;

/** The mpire4j peer of the One Billion Row Challenge: one task per line-aligned range, merged by the call. */
final class BrcTasks {
    private BrcTasks() {}

    @Parallel
    static Map<String, Brc.Stats> aggregate(FileRanges.Range range) throws IOException {
        return Brc.aggregate(range.path(), range.start(), range.end());
    }
}
