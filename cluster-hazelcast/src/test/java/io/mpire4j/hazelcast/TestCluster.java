package io.mpire4j.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mpire4j.spi.WorkerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real cluster on this machine for tests: member JVMs started from the test class path
 * ({@link TestMember}, serving 1 slot each by default) and a lite member in the test JVM as the
 * caller, joined over TCP/IP on 127.0.0.1 only, multicast off, a fresh cluster name and fresh
 * ports, join waits near zero. One cluster serves every test class of a run ({@link #shared});
 * it shuts down when the run ends, and its member JVMs also end when the test JVM does.
 */
public final class TestCluster implements AutoCloseable {
    /** Member JVMs of the shared cluster. */
    static final int MEMBERS = 2;

    final String name = "mpire4j-test-" + UUID.randomUUID();
    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<ProcessHandle> members = new ArrayList<>();
    final HazelcastInstance caller;
    final WorkerKind kind;

    private TestCluster(Path dir, int members) throws IOException {
        this.dir = Files.createDirectories(dir);
        // caller port first, then the members' and two spares for members started by tests
        for (int i = 0; i < members + 3; i++) {
            ports.add(freePort());
        }
        try {
            for (int i = 0; i < members; i++) {
                start(i + 1);
            }
            this.caller = Hazelcast.newHazelcastInstance(config(ports.get(0), true));
            this.kind = HazelcastWorkers.on(caller);
            awaitServing(members);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The cluster of this test run, started by the first test class that asks. */
    static TestCluster shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TestCluster.class))
                .getOrComputeIfAbsent("cluster", k -> {
                    try {
                        return new TestCluster(Path.of("target", "cluster-" + System.nanoTime()), MEMBERS);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, TestCluster.class);
    }

    /** A cluster of its own with one member JVM, for a test that kills it (the test closes it). */
    static TestCluster alone(Path dir) throws IOException {
        return new TestCluster(dir, 1);
    }

    /** Member JVM {@code i}, in start order. */
    ProcessHandle member(int i) {
        synchronized (members) {
            return members.get(i);
        }
    }

    /** Puts the shared cluster into a static field of the test class before its tests. */
    public static final class Extension implements BeforeAllCallback {
        static volatile TestCluster current;

        @Override
        public void beforeAll(ExtensionContext context) {
            current = shared(context);
        }

        /** The cluster kind of the shared cluster, for pools of the contract suite. */
        public static WorkerKind kind() {
            return current.kind;
        }

        /** Waits until no slot of any caller is busy on the members; fails after {@code limit}. */
        public static void assertNoSlotLeft(Duration limit) {
            TestCluster c = current;
            awaitUntil(() -> c.busy() == 0, limit, () -> "no busy slot on the members, registry: " + c.registry());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String members() {
        StringBuilder list = new StringBuilder();
        for (int port : ports) {
            list.append("        - 127.0.0.1:").append(port).append('\n');
        }
        return list.toString();
    }

    /** Starts member JVM {@code index} (its port is {@code ports[index]}), serving {@code slots}. */
    ProcessHandle start(int index, int slots) {
        int port = ports.get(index);
        String yaml = """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.logging.type: jdk
                    hazelcast.phone.home.enabled: false
                    hazelcast.wait.seconds.before.join: 0
                    hazelcast.max.wait.seconds.before.join: 0
                    hazelcast.heartbeat.interval.seconds: 1
                    hazelcast.max.no.heartbeat.seconds: 5
                    hazelcast.partition.count: 23
                    hazelcast.socket.bind.any: false
                  network:
                    port:
                      auto-increment: false
                      port: %d
                    interfaces:
                      enabled: true
                      interfaces:
                        - 127.0.0.1
                    join:
                      auto-detection:
                        enabled: false
                      multicast:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        connection-timeout-seconds: 1
                        member-list:
                %s
                """.formatted(name, port, members());
        try {
            Path config = dir.resolve("member-" + index + ".yaml");
            Files.writeString(config, yaml);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of("sh", "-c",
                    // detached from this JVM's process tree (a contract test counts this JVM's child
                    // processes); TestMember ends itself when this JVM ends
                    "\"$@\" </dev/null >>\"$MEMBER_LOG\" 2>&1 & echo $!", "sh",
                    java, "-cp", System.getProperty("java.class.path"),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Dhazelcast.logging.type=jdk", "-Dhazelcast.phone.home.enabled=false",
                    "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                    TestMember.class.getName(), String.valueOf(ProcessHandle.current().pid()), "--slots", String.valueOf(slots), "--config", config.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("MEMBER_LOG", dir.resolve("member-" + index + ".log").toString());
            Process launcher = builder.start();
            String pid = new String(launcher.getInputStream().readAllBytes()).trim();
            ProcessHandle p = ProcessHandle.of(Long.parseLong(pid)).orElseThrow(
                    () -> new IllegalStateException("member " + index + " ended at once; see its log in " + dir));
            try {
                launcher.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (members) {
                members.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProcessHandle start(int index) {
        return start(index, 1);
    }

    /** The index of the next member a test may start (ports for two spares). */
    int spare(int which) {
        return MEMBERS + 1 + which;
    }

    private Config config(int port, boolean lite) {
        Config c = new Config();
        c.setClusterName(name);
        c.setLiteMember(lite);
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        c.setProperty("hazelcast.partition.count", "23");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = c.getNetworkConfig().getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
        for (int p : ports) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + p);
        }
        return c;
    }

    /** Another caller: a lite member of this cluster in this JVM (the test shuts it down). */
    HazelcastInstance liteMember() throws IOException {
        return Hazelcast.newHazelcastInstance(config(freePort(), true));
    }

    /** A Hazelcast client of this cluster (the caller closes it). */
    HazelcastInstance client() {
        ClientConfig c = new ClientConfig();
        c.setClusterName(name);
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        for (int i = 1; i < ports.size(); i++) {
            c.getNetworkConfig().addAddress("127.0.0.1:" + ports.get(i));
        }
        return HazelcastClient.newHazelcastClient(c);
    }

    /** The serving members' registry entries now: member UUID to entry. */
    Map<String, String> registry() {
        try {
            IMap<String, String> map = caller.getMap(Protocol.REGISTRY);
            return Map.copyOf(map);
        } catch (RuntimeException e) {
            return Map.of(); // no data member yet: nobody serves
        }
    }

    /** Slots in use on all members now, by the registry. */
    int busy() {
        int busy = 0;
        for (var e : registry().entrySet()) {
            Protocol.Served s = Protocol.Served.decode(UUID.fromString(e.getKey()), e.getValue());
            if (s != null && present(s.member())) {
                busy += s.busy();
            }
        }
        return busy;
    }

    private boolean present(UUID member) {
        return caller.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(member));
    }

    /** Serving members in the cluster now. */
    int serving() {
        int n = 0;
        for (String key : registry().keySet()) {
            if (present(UUID.fromString(key))) {
                n++;
            }
        }
        return n;
    }

    void awaitServing(int n) {
        awaitUntil(() -> serving() == n, Duration.ofSeconds(90), () -> n + " serving members; logs in " + dir);
    }

    static void awaitUntil(BooleanSupplier condition, Duration limit, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Kills {@code p} with SIGKILL and waits for it to end. */
    static void kill9(ProcessHandle p) throws InterruptedException {
        p.destroyForcibly();
        await(p, 30);
    }

    /** Stops {@code p} (SIGTERM: the Member command ends its slots and leaves) and waits. */
    static void stop(ProcessHandle p) throws InterruptedException {
        p.destroy();
        try {
            await(p, 30);
        } catch (AssertionError e) {
            p.destroyForcibly();
            await(p, 10);
        }
    }

    private static void await(ProcessHandle p, int seconds) throws InterruptedException {
        try {
            p.onExit().get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            if (p.isAlive()) {
                throw new AssertionError("member " + p.pid() + " did not end within " + seconds + " s");
            }
        }
    }

    @Override
    public void close() {
        if (caller != null) {
            caller.shutdown();
        }
        List<ProcessHandle> all;
        synchronized (members) {
            all = List.copyOf(members);
        }
        for (ProcessHandle p : all) {
            p.destroy();
        }
        for (ProcessHandle p : all) {
            try {
                stop(p);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
