package io.mpire4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Copies one output stream of a child JVM to the parent's {@code System.out} or {@code System.err}
 * (whichever is installed when each line arrives), prefixing every line with
 * {@code [worker-<id>] }. Runs on its own daemon thread ({@code mpire4j-output-<id>}), which ends
 * when the child is gone and what it wrote has been copied — even if a process the child started
 * still holds the pipe open, so the end of the stream never comes. For that the thread reads only
 * what is {@link InputStream#available() available}, and waits in short, growing pauses (1 to
 * {@value #MAX_PAUSE_MILLIS} ms, cut short when the child exits) while nothing is.
 */
final class OutputForwarder implements Runnable {
    private static final long MAX_PAUSE_MILLIS = 50;

    /**
     * After the child exits: how many empty looks, {@link #QUIET_LOOK_MILLIS} apart, end the
     * forwarding. Everything a dead process wrote is already in the pipe (or, once the JDK's reaper
     * has drained the pipe, in the stream's buffer, which {@code available()} sees under the same
     * lock), so one empty look after the death would do; the second is a margin. The pool's close
     * joins this thread, so every look here is a millisecond on every close.
     */
    private static final int QUIET_LOOKS_AFTER_EXIT = 2;
    private static final long QUIET_LOOK_MILLIS = 1;
    private final Process child;
    /** Completes when the child exits: a pause ends at once then, so its last words go out promptly. */
    private final CompletableFuture<Process> exited;
    private final InputStream in;
    private final String prefix;
    private final boolean toErr;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    /** Lines that are the JVM's own notes, not the user's output: left out. */
    private final Predicate<String> jvmNote;

    private OutputForwarder(Process child, InputStream in, int workerId, boolean toErr, Predicate<String> jvmNote) {
        this.child = child;
        this.jvmNote = jvmNote;
        this.exited = child.onExit();
        this.in = in;
        this.prefix = "[worker-" + workerId + "] ";
        this.toErr = toErr;
    }

    /**
     * Starts forwarding {@code in}, a stream of {@code child}, leaving out the lines {@code jvmNote}
     * accepts; returns the thread, to be joined when the child is gone.
     */
    static Thread start(Process child, InputStream in, int workerId, boolean toErr, Predicate<String> jvmNote) {
        return Thread.ofPlatform().name("mpire4j-output-" + workerId).daemon(true)
                .uncaughtExceptionHandler((t, e) -> { })
                .start(new OutputForwarder(child, in, workerId, toErr, jvmNote));
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        long pause = 1;
        int quietAfterExit = 0;
        try (in) {
            while (true) {
                int ready = in.available();
                if (ready > 0) {
                    int n = in.read(buffer, 0, Math.min(ready, buffer.length));
                    if (n < 0) {
                        break;
                    }
                    copy(buffer, n);
                    pause = 1;
                    quietAfterExit = 0;
                    continue;
                }
                if (!child.isAlive()) {
                    // The child is gone, and all it wrote is in the pipe or drained into the stream's
                    // buffer: what it wrote just before dying shows in the next look. After that,
                    // whatever comes is from processes it left behind.
                    if (++quietAfterExit > QUIET_LOOKS_AFTER_EXIT) {
                        break;
                    }
                    Thread.sleep(QUIET_LOOK_MILLIS);
                    continue;
                }
                try {
                    exited.get(pause, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException stillRunning) {
                    pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                }
            }
        } catch (IOException e) {
            // the pipe closed: the child is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (line.size() > 0) {
                emit();
            }
        }
    }

    private void copy(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }
    }

    private void emit() {
        int size = line.size();
        String text = line.toString(StandardCharsets.UTF_8);
        if (size > 0 && text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        line.reset();
        if (jvmNote.test(text)) {
            return;
        }
        PrintStream target = toErr ? System.err : System.out;
        target.println(prefix + text);
    }
}
