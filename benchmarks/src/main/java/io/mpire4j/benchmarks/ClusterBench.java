package io.mpire4j.benchmarks;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.hazelcast.HazelcastWorkers;
import io.mpire4j.spi.WorkerKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * What the Hazelcast cluster kind costs, against child JVMs ({@link StartMethod#PROCESSES}) in the
 * same run, on this machine: two member JVMs ({@code io.mpire4j.hazelcast.Member --slots 1}) and
 * this JVM as a lite member (the caller), joined over TCP/IP on 127.0.0.1.
 * <ol>
 *   <li><b>cluster ready</b>: from launching the two member JVMs until a 2-worker pool on the
 *       cluster has answered a task on each member (members serving, caller joined, slots open);
 *   <li><b>round trip per chunk</b>: one {@code apply} of a trivial task on a warm 1-worker pool;
 *   <li><b>trivial tasks per second</b>: {@code map} of {@code x * x} over 1,000,000 longs with
 *       default chunking on 2 workers, pool creation and shutdown included;
 *   <li><b>stateful</b>: workload 2 (2000 documents, per-worker prefix tables, exits collected) on
 *       2 members × 1 slot against {@code PROCESSES} with 2 workers, checksums compared.
 * </ol>
 * On one machine the members share its cores with the caller: this measures the cost of the
 * cluster's transport, not the gain of more machines. Writes {@code cluster.json} and
 * {@code cluster.md} to the output directory.
 *
 * <p>Run: {@code benchmarks/run --cluster} (a few minutes).
 */
final class ClusterBench {
    private static final int FORMATIONS = 3;
    private static final int ROUND_TRIPS = 2000;
    private static final int TRIVIAL_TASKS = 1_000_000;
    private static final int TRIALS = 3;

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("hazelcast.logging.type", "none");
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        List<ProcessesBench.Result> results = new ArrayList<>();
        double[] formation = new double[FORMATIONS];
        for (int i = 0; i < FORMATIONS; i++) {
            try (LocalCluster cluster = new LocalCluster()) {
                formation[i] = cluster.readyMillis;
                System.err.printf(Locale.ROOT, "cluster ready in %.0f ms%n", formation[i]);
                if (i == FORMATIONS - 1) {
                    results.add(new ProcessesBench.Result("cluster ready (2 member JVMs + caller)", "hazelcast", "ms",
                            formation));
                    WorkerKind kind = HazelcastWorkers.on(cluster.caller);
                    results.addAll(roundTrip("hazelcast", PoolOptions.defaults().workers(1).workerKind(kind)));
                    results.addAll(roundTrip("processes", PoolOptions.defaults().workers(1)
                            .startMethod(StartMethod.PROCESSES)));
                    results.add(trivial("hazelcast", PoolOptions.defaults().workers(2).workerKind(kind)));
                    results.add(trivial("processes", PoolOptions.defaults().workers(2)
                            .startMethod(StartMethod.PROCESSES)));
                    Stateful stateful = new Stateful(Mode.FULL);
                    stateful.prepare();
                    results.add(stateful(stateful, "hazelcast (2 members × 1 slot)",
                            PoolOptions.defaults().workers(2).workerKind(kind)));
                    results.add(stateful(stateful, "processes (2 workers)",
                            PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES)));
                }
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("cluster.json"), json(results), StandardCharsets.UTF_8);
        String md = markdown(results);
        Files.writeString(out.resolve("cluster.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    /** The round trip's latency, and the CPU time this JVM (the caller, all its threads) spends per chunk. */
    private static List<ProcessesBench.Result> roundTrip(String peer, PoolOptions options) {
        double[] us = new double[ROUND_TRIPS];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = 0;
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(options)) {
            for (int i = -ROUND_TRIPS / 2; i < ROUND_TRIPS; i++) {
                if (i == 0) {
                    cpu = os.getProcessCpuTime();
                }
                long start = System.nanoTime();
                pool.square((long) i);
                if (i >= 0) {
                    us[i] = (System.nanoTime() - start) / 1e3;
                }
            }
            cpu = os.getProcessCpuTime() - cpu;
        }
        return List.of(new ProcessesBench.Result("round trip per chunk", peer, "µs", us),
                new ProcessesBench.Result("caller CPU per chunk (all its threads)", peer, "µs",
                        new double[] {cpu / 1e3 / ROUND_TRIPS}));
    }

    private static ProcessesBench.Result trivial(String peer, PoolOptions options) {
        List<Long> inputs = LongStream.range(0, TRIVIAL_TASKS).boxed().toList();
        double[] perSecond = new double[TRIALS];
        for (int i = -1; i < TRIALS; i++) {
            long start = System.nanoTime();
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(options)) {
                List<Long> squares = pool.square().map(inputs);
                if (squares.size() != TRIVIAL_TASKS
                        || squares.get(TRIVIAL_TASKS - 1) != (long) (TRIVIAL_TASKS - 1) * (TRIVIAL_TASKS - 1)) {
                    throw new IllegalStateException("wrong results from " + peer);
                }
            }
            if (i >= 0) {
                perSecond[i] = TRIVIAL_TASKS / ((System.nanoTime() - start) / 1e9);
            }
        }
        return new ProcessesBench.Result("trivial tasks per second (1M, default chunking, 2 workers)", peer,
                "tasks/s", perSecond);
    }

    private static long expected = Long.MIN_VALUE;

    private static ProcessesBench.Result stateful(Stateful workload, String peer, PoolOptions options) {
        double[] ms = new double[TRIALS];
        for (int i = -1; i < TRIALS; i++) {
            long start = System.nanoTime();
            long checksum = workload.runWith(options);
            if (expected == Long.MIN_VALUE) {
                expected = checksum;
            } else if (checksum != expected) {
                throw new IllegalStateException("checksum of " + peer + " differs: " + checksum + " != " + expected);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return new ProcessesBench.Result("stateful (2000 documents, pool start to exits)", peer, "ms", ms);
    }

    /** Two member JVMs and this JVM as a lite member, on 127.0.0.1; closing stops them all. */
    private static final class LocalCluster implements AutoCloseable {
        final List<Process> members = new ArrayList<>();
        final HazelcastInstance caller;
        final double readyMillis;

        LocalCluster() throws Exception {
            String name = "mpire4j-bench-" + UUID.randomUUID();
            List<Integer> ports = List.of(freePort(), freePort(), freePort());
            String list = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(", "));
            Path dir = Files.createTempDirectory("mpire4j-cluster-bench-");
            long start = System.nanoTime();
            try {
                for (int m = 1; m <= 2; m++) {
                    Path yaml = dir.resolve("member-" + m + ".yaml");
                    Files.writeString(yaml, """
                            hazelcast:
                              cluster-name: %s
                              properties:
                                hazelcast.logging.type: none
                                hazelcast.phone.home.enabled: false
                                hazelcast.wait.seconds.before.join: 0
                                hazelcast.max.wait.seconds.before.join: 0
                              network:
                                port: {auto-increment: false, port: %d}
                                interfaces: {enabled: true, interfaces: [127.0.0.1]}
                                join:
                                  auto-detection: {enabled: false}
                                  multicast: {enabled: false}
                                  tcp-ip: {enabled: true, member-list: [%s]}
                            """.formatted(name, ports.get(m), list));
                    List<String> command = new ArrayList<>(List.of(
                            ProcessHandle.current().info().command().orElse("java"), "-cp",
                            System.getProperty("java.class.path")));
                    command.addAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"));
                    command.addAll(List.of("-Dhazelcast.logging.type=none", "io.mpire4j.hazelcast.Member",
                            "--slots", "1", "--config", yaml.toString()));
                    members.add(new ProcessBuilder(command).redirectErrorStream(true).start());
                }
                for (Process member : members) {
                    awaitServing(member);
                }
                Config config = new Config().setClusterName(name).setLiteMember(true);
                config.setProperty("hazelcast.phone.home.enabled", "false");
                config.setProperty("hazelcast.wait.seconds.before.join", "0");
                config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
                config.getNetworkConfig().setPort(ports.get(0)).setPortAutoIncrement(false);
                config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
                JoinConfig join = config.getNetworkConfig().getJoin();
                join.getAutoDetectionConfig().setEnabled(false);
                join.getMulticastConfig().setEnabled(false);
                join.getTcpIpConfig().setEnabled(true);
                ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
                caller = Hazelcast.newHazelcastInstance(config);
                try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(2)
                        .orderTasks(true).workerKind(HazelcastWorkers.on(caller)))) {
                    pool.square().chunkSize(1).map(List.of(1L, 2L));
                }
                readyMillis = (System.nanoTime() - start) / 1e6;
            } catch (Exception | Error e) {
                members.forEach(Process::destroyForcibly);
                throw e;
            }
        }

        private static void awaitServing(Process member) throws IOException {
            BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("mpire4j member")) {
                    Thread.ofPlatform().daemon(true).start(() -> out.lines().forEach(l -> { }));
                    return;
                }
            }
            throw new IllegalStateException("a member JVM ended before serving");
        }

        @Override
        public void close() {
            caller.shutdown();
            members.forEach(Process::destroy);
            for (Process member : members) {
                try {
                    if (!member.waitFor(30, TimeUnit.SECONDS)) {
                        member.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    member.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String json(List<ProcessesBench.Result> results) {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            ProcessesBench.Result r = results.get(i);
            s.append(String.format(Locale.ROOT,
                    "  {\"metric\": \"%s\", \"peer\": \"%s\", \"unit\": \"%s\", \"median\": %.3f, \"min\": %.3f, "
                            + "\"max\": %.3f, \"samples\": %d}%s%n",
                    r.metric(), r.kind(), r.unit(), r.median(), r.min(), r.max(), r.samples().length,
                    i + 1 < results.size() ? "," : ""));
        }
        return s.append("]\n").toString();
    }

    private static String markdown(List<ProcessesBench.Result> results) {
        StringBuilder s = new StringBuilder("# Hazelcast cluster workers against child JVMs\n\n");
        s.append(String.format(Locale.ROOT, "Run on %d CPUs, %s %s: two member JVMs and the caller on this one "
                        + "machine, over 127.0.0.1. Medians, with min – max.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
        s.append("| metric | peer | median | min – max | samples |\n|---|---|---:|---:|---:|\n");
        for (ProcessesBench.Result r : results) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s – %s | %d |%n", r.metric(), r.kind(),
                    num(r.median()), r.unit(), num(r.min()), num(r.max()), r.samples().length));
        }
        return s.toString();
    }

    private static String num(double v) {
        return v >= 1e5 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
