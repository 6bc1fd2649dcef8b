package io.mpire4j.samples;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mpire4j.PoolOptions;
import io.mpire4j.WorkerInsights;
import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerExit;
import io.mpire4j.annotations.WorkerId;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;
import io.mpire4j.hazelcast.HazelcastWorkers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Sample 10: the same generated pool, its workers spread over a Hazelcast cluster.
 *
 * <ol>
 *   <li>Two member JVMs start on this machine, each with {@code io.mpire4j.hazelcast.Member
 *       --slots 1 --config member.yaml}: a Hazelcast member that hosts one worker slot. On real
 *       machines you run the same command with your application's class path.
 *   <li>This JVM joins the cluster as a lite member (it holds no data) and creates the pool with
 *       {@code workerKind(HazelcastWorkers.on(hazelcast))}: the two workers are placed one per member.
 *   <li>The stateful workload of sample 2 runs there: each worker counts prefixes in its own state,
 *       made by {@code @WorkerInit} on its member; {@code @WorkerExit} reports back which JVM it ran in.
 *   <li>Insights are printed per member; then the pool, this member and the member JVMs stop.
 * </ol>
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample10_Cluster {

    /** A worker's tally, on its member. */
    static final class Tally {
        final Map<String, Integer> counts = new HashMap<>();
        int documents;
    }

    /** What each worker reports when it stops: where it ran and what it saw. */
    public record Report(int workerId, String jvm, int documents, int prefixes) {}

    @WorkerInit
    static Tally start() {
        return new Tally();
    }

    @Parallel
    static void count(@WorkerState Tally tally, String document) {
        tally.documents++;
        for (String word : document.split(" ")) {
            for (int length = 1; length <= Math.min(3, word.length()); length++) {
                tally.counts.merge(word.substring(0, length), 1, Integer::sum);
            }
        }
    }

    @WorkerExit
    static Report report(@WorkerState Tally tally, @WorkerId int workerId) {
        return new Report(workerId, "pid " + ProcessHandle.current().pid(), tally.documents, tally.counts.size());
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("hazelcast.logging.type", "none"); // Hazelcast's own log lines would drown the story
        String cluster = "mpire4j-sample-" + UUID.randomUUID();
        Path dir = Files.createTempDirectory("mpire4j-sample10-");
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        List<Process> members = new ArrayList<>();
        HazelcastInstance hazelcast = null;
        try {
            // 1. Two member JVMs, each serving one slot.
            for (int i = 1; i <= 2; i++) {
                Path yaml = dir.resolve("member-" + i + ".yaml");
                Files.writeString(yaml, memberYaml(cluster, ports.get(i), ports));
                members.add(new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                        "-cp", System.getProperty("java.class.path"), "-Dhazelcast.logging.type=none",
                        "-XX:TieredStopAtLevel=1", "io.mpire4j.hazelcast.Member", "--slots", "1",
                        "--config", yaml.toString())
                        .redirectErrorStream(true).start());
            }
            for (Process member : members) {
                System.out.println("1. " + awaitServing(member));
            }

            // 2. This JVM joins as a lite member and puts the pool's workers on the cluster.
            hazelcast = Hazelcast.newHazelcastInstance(liteMember(cluster, ports));
            SplittableRandom random = new SplittableRandom(42);
            String[] words = {"parallel", "paragraph", "worker", "workload", "state", "statement", "prefix", "press"};
            List<String> documents = IntStream.range(0, 2_000)
                    .mapToObj(i -> IntStream.range(0, 20).mapToObj(w -> words[random.nextInt(words.length)])
                            .collect(Collectors.joining(" ")))
                    .toList();
            PoolOptions options = PoolOptions.defaults().workers(2).enableInsights(true)
                    .workerKind(HazelcastWorkers.on(hazelcast));
            try (Sample10_ClusterParallel pool = Sample10_ClusterParallel.create(options)) {
                // 3. The stateful workload runs on the members.
                pool.count().chunkSize(50).forEach(documents);
                List<WorkerInsights> insights = pool.insights().workers();
                pool.stopAndJoin();
                Map<Integer, Report> reports = pool.exitResults().stream()
                        .collect(Collectors.toMap(Report::workerId, r -> r));
                // 4. Insights per member.
                System.out.println("2. " + documents.size() + " documents counted on " + reports.size() + " members");
                for (WorkerInsights w : insights) {
                    Report r = reports.get(w.workerId());
                    System.out.printf("3. worker %d on %s (%s): %d documents, %d prefixes, "
                                    + "%d tasks in %d ms working%n", w.workerId(), w.location(),
                            r == null ? "?" : r.jvm(), r == null ? 0 : r.documents(), r == null ? 0 : r.prefixes(),
                            w.tasksCompleted(), w.working().toMillis());
                }
            }
        } finally {
            if (hazelcast != null) {
                hazelcast.shutdown();
            }
            for (Process member : members) {
                member.destroy(); // the Member command ends its slots and leaves the cluster
            }
            for (Process member : members) {
                if (!member.waitFor(20, TimeUnit.SECONDS)) {
                    member.destroyForcibly();
                }
            }
            System.out.println("4. the pool, this member and both member JVMs stopped");
        }
    }

    /** Reads a member's output until it says it serves; returns that line. */
    private static String awaitServing(Process member) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("mpire4j member")) {
                Thread.ofPlatform().daemon(true).start(() -> out.lines().forEach(l -> { })); // drain the rest
                return line;
            }
        }
        throw new IllegalStateException("a member JVM ended before serving (exit " + member.exitValue() + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A member's configuration: this machine only, explicit addresses, no multicast. */
    private static String memberYaml(String cluster, int port, List<Integer> ports) {
        return """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.phone.home.enabled: false
                    hazelcast.wait.seconds.before.join: 0
                    hazelcast.max.wait.seconds.before.join: 0
                  network:
                    port:
                      auto-increment: false
                      port: %d
                    interfaces:
                      enabled: true
                      interfaces: [127.0.0.1]
                    join:
                      auto-detection:
                        enabled: false
                      multicast:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        member-list: [%s]
                """.formatted(cluster, port, ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(", ")));
    }

    private static Config liteMember(String cluster, List<Integer> ports) {
        Config config = new Config().setClusterName(cluster).setLiteMember(true);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(ports.get(0)).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        var join = config.getNetworkConfig().getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        return config;
    }
}
