package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds live threads whose name starts with {@code mpire4j-}, virtual ones included: those are not
 * in {@link Thread#getAllStackTraces()}, so this reads a JSON thread dump of the JVM.
 */
final class LiveThreads {
    static final String PREFIX = "mpire4j-";
    private static final Pattern NAME = Pattern.compile("\"name\": \"(" + Pattern.quote(PREFIX) + "[^\"]*)\"");

    private LiveThreads() {}

    /** The names of the live {@code mpire4j-} threads, platform and virtual. */
    static List<String> names() {
        try {
            Path dir = Files.createTempDirectory("mpire4j-tests-dump");
            Path file = dir.resolve("threads.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                List<String> names = new ArrayList<>();
                Matcher m = NAME.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
                return names;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to {@code limit} for every {@code mpire4j-} thread to end, then fails listing those
     * still alive. Platform threads are joined; virtual ones (which cannot be enumerated as
     * {@code Thread} objects) are looked for again in short steps until the deadline.
     */
    static void assertNoneLeft(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(PREFIX)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    try {
                        thread.join(Duration.ofNanos(left));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        fail("interrupted while waiting for " + thread.getName());
                    }
                }
            }
        }
        List<String> alive = names();
        while (!alive.isEmpty() && System.nanoTime() - deadline < 0) {
            // Only virtual threads can be left here; they cannot be joined without their Thread object.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            alive = names();
        }
        if (!alive.isEmpty()) {
            fail("mpire4j threads still alive " + limit.toSeconds() + " s after the test: " + alive);
        }
    }
}
