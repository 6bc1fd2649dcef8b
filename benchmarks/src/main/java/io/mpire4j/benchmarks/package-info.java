/**
 * mpire4j against the Java peers a developer would otherwise use, on the seed's workloads.
 *
 * <p>What is measured: for every (workload, peer, worker count) one fresh JVM ({@link Fork}) runs
 * the workload a few times untimed (warm-up), then times it five times (in quick mode too). The
 * timed region is everything a user would wait for: creating the pool, the work, collecting the
 * results and shutting the pool down. Every JVM gets the same heap and GC flags
 * ({@link Runner#JVM_FLAGS}). Every run returns a checksum of its results; {@link Runner} refuses
 * to report when two peers of a workload disagree, so no peer can skip work.
 *
 * <p>Workloads: {@link Numerical} (shared 4000×4000 image, 4×4 convolutions), {@link Stateful}
 * (per-worker prefix counts, union of popular prefixes), {@link ExpensiveInit} (a model loaded once
 * per worker, three rounds of predictions on a kept-alive pool) and {@link Overhead} (a million
 * trivial tasks, and 100,000 tasks of about 10 µs). Peers: a serial loop, {@code ExecutorService},
 * a dedicated {@code ForkJoinPool} with parallel streams, virtual threads, parallel-collectors with
 * and without batching, and mpire4j with {@code THREADS} and {@code VIRTUAL_THREADS} workers, and
 * on the first three workloads with {@code PROCESSES} (child JVMs). Targets are judged by
 * {@link Verdict}: on the best trials and on the medians, "not measurable" when the trials' spread
 * exceeds the effect.
 *
 * <p>Beyond the suite: {@link PairedBench} (fine comparisons, alternating in one JVM),
 * {@link MemoryBench} (heap of an endless {@code imap}, a child JVM's resident memory, bytes per
 * result), {@link GrowthBench} (time per task against tasks and workers), {@link ProcessesBench}
 * and {@link DashboardBench}, each a {@code benchmarks/run} option.
 *
 * <p>How to run: {@code benchmarks/run} (the full suite, under 40 minutes on 2 cores) or
 * {@code benchmarks/run --quick} (a reduced suite, under 5 minutes). {@link Report} turns the raw
 * results into {@code benchmarks/results/latest.json}, {@code latest.md} and one SVG chart per
 * workload.
 */
package io.mpire4j.benchmarks;
