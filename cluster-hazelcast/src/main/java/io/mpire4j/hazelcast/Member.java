package io.mpire4j.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster member that hosts mpire4j worker slots, from a shell:
 *
 * <pre>
 * java -cp &lt;application class path&gt; io.mpire4j.hazelcast.Member --slots 4 --config hazelcast.yaml
 * </pre>
 *
 * It starts a Hazelcast member with the given configuration (YAML or XML), serves the slots
 * ({@link HazelcastWorkers#serve}) and runs until it is stopped (a signal, or the cluster shutting
 * it down); then it ends the slots and leaves the cluster.
 */
public final class Member {
    private Member() {}

    public static void main(String[] args) throws Exception {
        int slots = Runtime.getRuntime().availableProcessors();
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--slots" -> {
                    try {
                        slots = Integer.parseInt(require(arg, value));
                    } catch (NumberFormatException e) {
                        usage("--slots takes a whole number >= 1, was " + value);
                        return;
                    }
                    if (slots < 1) {
                        usage("--slots must be >= 1, was " + slots);
                        return;
                    }
                    i++;
                }
                case "--config" -> {
                    config = Path.of(require(arg, value));
                    i++;
                }
                case "-h", "--help" -> {
                    help(System.out);
                    return;
                }
                default -> {
                    usage("unknown argument " + arg);
                    return;
                }
            }
        }
        if (config != null && !Files.isRegularFile(config)) {
            usage("--config " + config + " is not a readable file");
            return;
        }
        Config c;
        try {
            c = config == null ? Config.load() : Config.loadFromFile(config.toFile());
        } catch (IOException | RuntimeException e) {
            System.err.println("mpire4j Member: cannot read the Hazelcast configuration " + config + ": " + e);
            System.exit(2);
            return;
        }
        // This command ends the slots before the member leaves, so Hazelcast's own hook stays out.
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(c);
        CountDownLatch down = new CountDownLatch(1);
        hz.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                down.countDown();
            }
        });
        AutoCloseable serving = HazelcastWorkers.serve(hz, slots);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                serving.close();
            } catch (Exception e) {
                // leaving anyway
            }
            hz.shutdown();
        }, "mpire4j-member-shutdown"));
        var local = hz.getCluster().getLocalMember().getAddress();
        System.out.println("mpire4j member " + local.getHost() + ":" + local.getPort() + " serves " + slots
                + " worker slots in cluster '" + c.getClusterName() + "' (mpire4j " + Protocol.VERSION + ")");
        System.out.flush();
        down.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("mpire4j Member: " + problem);
        help(System.err);
        System.exit(2);
    }

    private static void help(PrintStream out) {
        out.println("usage: java -cp <application class path> io.mpire4j.hazelcast.Member "
                + "[--slots N] [--config hazelcast.yaml]");
        out.println("  --slots N       worker slots to host here (default: available processors)");
        out.println("  --config FILE   Hazelcast member configuration, YAML or XML (default: Hazelcast's lookup)");
    }
}
