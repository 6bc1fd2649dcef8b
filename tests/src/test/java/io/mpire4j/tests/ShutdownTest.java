package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Board;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM that ends (Ctrl-C's SIGINT, SIGTERM) with a pool open in the middle of a call: the pool's
 * shutdown hook kills its child JVMs (whose tasks ignore interrupts and would otherwise run on) and
 * the call's progress bar ends with a last line that says INTERRUPTED.
 */
class ShutdownTest {
    private static final String PERL = "/usr/bin/perl";

    @TempDir(factory = BoardDirectory.class)
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalledJvmStopsItsChildrenAndEndsItsBars(String signal) throws Exception {
        Board board = Board.in(tempDir);
        Path err = tempDir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of(PERL))) {
            // A build started in the background of a non-interactive shell ignores SIGINT, and an ignored
            // signal stays ignored across exec, so the JVM would never hear Ctrl-C: restore the default first.
            command.addAll(List.of(PERL, "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\";"));
        }
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), ShutdownMain.class.getName(),
                tempDir.toString()));
        Process jvm = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(new File("/dev/null"))
                .start();
        List<Long> children = new ArrayList<>();
        try {
            // A JVM that starts two more JVMs: up to a minute on a busy machine (6 rounds of the board's wait).
            for (int round = 1; ; round++) {
                try {
                    Board.awaitUntil(() -> board.count("running-away-") >= 2, "two children running away");
                    break;
                } catch (IllegalStateException notYet) {
                    if (round == 6) {
                        throw notYet;
                    }
                }
            }
            for (String name : board.names("running-away-")) {
                children.add(Long.parseLong(board.read(name).orElseThrow().trim()));
            }
            Assumptions.assumeFalse(ignores(jvm.pid(), signal), () -> "this JVM's environment ignores SIG" + signal
                    + " and there is no " + PERL + " to restore it, so no JVM started from here can hear it");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the signalled JVM did not end");
            for (long pid : children) {
                assertTrue(LiveProcesses.awaitExit(pid, Duration.ofSeconds(10)), "child JVM " + pid + " outlived its parent");
            }
            List<String> all = Files.readAllLines(err, StandardCharsets.UTF_8);
            List<String> bar = all.stream().filter(line -> line.startsWith("forever:")).toList();
            assertTrue(!bar.isEmpty() && bar.get(bar.size() - 1).endsWith("INTERRUPTED"),
                    "the bar's last line says INTERRUPTED:\n" + String.join("\n", all));
            // main's call ends with the reason (main does not catch it, so the JVM prints it)
            assertTrue(all.stream().anyMatch(line -> line.contains("the JVM is shutting down while Hazards.runAway")),
                    String.join("\n", all));
        } finally {
            jvm.destroyForcibly();
            for (long pid : children) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Whether process {@code pid} ignores the signal (Linux: its SigIgn mask); false where that cannot be read. */
    private static boolean ignores(long pid, String signal) throws Exception {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        int number = signal.equals("INT") ? 2 : 15;
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }
}
