package io.mpire4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one output stream of a child JVM to the parent's {@code System.out} or {@code System.err}
 * (whichever is installed when each line arrives), prefixing every line with
 * {@code [worker-<id>] }. Runs on its own daemon thread ({@code mpire4j-output-<id>}), which ends
 * at the end of the stream, when the child has exited.
 */
final class OutputForwarder implements Runnable {
    private final InputStream in;
    private final String prefix;
    private final boolean toErr;

    private OutputForwarder(InputStream in, int workerId, boolean toErr) {
        this.in = in;
        this.prefix = "[worker-" + workerId + "] ";
        this.toErr = toErr;
    }

    /** Starts forwarding {@code in}; returns the thread, to be joined when the child is gone. */
    static Thread start(InputStream in, int workerId, boolean toErr) {
        return Thread.ofPlatform().name("mpire4j-output-" + workerId).daemon(true)
                .uncaughtExceptionHandler((t, e) -> { })
                .start(new OutputForwarder(in, workerId, toErr));
    }

    @Override
    public void run() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                PrintStream target = toErr ? System.err : System.out;
                target.println(prefix + line);
            }
        } catch (IOException e) {
            // the pipe closed: the child is gone
        }
    }
}
