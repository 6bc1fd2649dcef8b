package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without a recording, a pool never touches a JFR event class: the first use of one costs the JVM
 * about 90 ms of Flight Recorder set-up. Checked in a fresh JVM, whose class loading is watched.
 */
class JfrOffTest {
    private static final java.util.regex.Pattern EVENT_CLASS =
            java.util.regex.Pattern.compile("io\\.mpire4j\\.internal\\.Jfr[A-Za-z]+Event source");

    private static String run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
                JfrOffMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("result [2, 4, 6, 8, 10]"), out);
        return out;
    }

    @Test
    void noEventClassIsLoadedWhenNothingRecords() throws Exception {
        String out = run();
        assertTrue(!EVENT_CLASS.matcher(out).find(), "a JFR event class was loaded without a recording");
        assertTrue(!out.contains(" jdk.jfr.Event source"), "jdk.jfr.Event was loaded without a recording");
    }

    @Test
    void eventClassesAreLoadedWhenARecordingRuns() throws Exception {
        Path recording = Path.of(System.getProperty("java.io.tmpdir"), "jfr-off-test-" + ProcessHandle.current().pid()
                + ".jfr");
        try {
            String out = run("-XX:StartFlightRecording:filename=" + recording);
            assertTrue(EVENT_CLASS.matcher(out).find(), "no event class was loaded while a recording ran");
        } finally {
            java.nio.file.Files.deleteIfExists(recording);
        }
    }
}
