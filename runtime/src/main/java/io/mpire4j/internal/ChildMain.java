package io.mpire4j.internal;

import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Internal: the entry point of a child-JVM worker ({@link io.mpire4j.StartMethod#PROCESSES}). The pool starts
 * {@code java … io.mpire4j.internal.ChildMain <socket> <token> <worker id> <program>}; this class is public
 * only so that the JVM can launch it. Do not call it.
 *
 * <p>The child connects to the pool's Unix-domain socket, sends its token and id, finds the
 * program and serves frames on its main thread through {@link WorkerHost}: init, tasks and exit
 * run there, calling the annotated methods directly by index. A daemon
 * thread ({@code mpire4j-parent-watch}) halts the JVM when the parent process dies; the main thread
 * halts it when the channel closes. The child never writes to stdout itself: stdout and stderr
 * belong to the user's code and are forwarded by the parent.
 */
public final class ChildMain {
    /** Exit code of a child whose channel broke or whose protocol went wrong. */
    static final int BROKEN = 70;
    /** The program name of the class-data training run (see {@link ClassDataArchive}). */
    static final String TRAINING = "io.mpire4j.internal.ChildMain$training";
    static final String TRAIN_ARG = "--train";

    private ChildMain() {}

    /**
     * Internal: runs a child-JVM worker. Arguments: the socket path, the token, the worker id and
     * the program name (or {@code --train} for a class-data training run).
     */
    public static void main(String[] args) {
        watchParent();
        if (args.length == 1 && TRAIN_ARG.equals(args[0])) {
            try {
                train();
            } catch (Throwable t) {
                System.err.println("mpire4j: class-data training failed: " + t);
                Runtime.getRuntime().exit(BROKEN);
            }
            return;
        }
        if (args.length != 4) {
            System.err.println("io.mpire4j.internal.ChildMain is started by mpire4j pools; it is not a command");
            Runtime.getRuntime().exit(2);
        }
        int workerId = Integer.parseInt(args[2]);
        int code;
        // The channel is left for the JVM's end to close: what was sent is already in the parent's
        // socket buffer, and closing a connected blocking channel asks the JDK's networking whether
        // to linger, which initialises it (native libraries, probes of socket options) only to exit.
        try {
            SocketChannel channel = connect(Path.of(args[0]), Long.parseLong(args[1]), workerId);
            code = WorkerHost.serve(Channels.newInputStream(channel), Channels.newOutputStream(channel), workerId,
                    args[3]);
        } catch (IOException e) {
            code = BROKEN; // the parent went away (or closed the channel): nobody to report to
        } catch (Throwable t) {
            try {
                System.err.println("mpire4j: child worker " + workerId + " failed: " + t);
            } catch (Throwable ignored) {
                // nothing more can be done
            }
            code = BROKEN;
        }
        System.out.flush();
        System.err.flush();
        if (code == 0) {
            if (aloneButForDaemons()) {
                return; // the JVM ends with main, running the user's shutdown hooks
            }
            Runtime.getRuntime().exit(0); // a normal shutdown runs the user's shutdown hooks
        }
        Runtime.getRuntime().halt(code);
    }

    /**
     * Whether every other live thread is a daemon, so that the JVM ends as soon as {@code main}
     * returns. Ending so runs the shutdown hooks as {@code Runtime.exit} does, without what
     * {@code exit} does first: look up the system logger of {@code java.lang.Runtime} to log the
     * call, which starts the JDK's logging and searches the service files of every jar on the class
     * path (tens of milliseconds on every pool's close).
     */
    static boolean aloneButForDaemons() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads, true);
        if (n == threads.length) {
            return false; // more than we could see: take the sure way
        }
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
                return false;
            }
        }
        return true;
    }

    private static SocketChannel connect(Path socket, long token, int workerId) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        ByteBuffer hello = ByteBuffer.allocate(12).putLong(token).putInt(workerId).flip();
        while (hello.hasRemaining()) {
            channel.write(hello);
        }
        return channel;
    }

    /** Halts this JVM within about 200 ms of the parent's death. */
    private static void watchParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        Thread watcher = new Thread(() -> {
            while (parent.isPresent() && parent.get().isAlive()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(BROKEN);
        }, "mpire4j-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Serves frames until SHUTDOWN (returns 0); throws IOException when the channel breaks. */
    // ---------------------------------------------------------------- class-data training

    static WorkerProgram<int[], Integer> trainingProgram() {
        return WorkerProgram.<int[], Integer>builder("Training")
                .init("init", id -> new int[1])
                .exit("exit", (state, id) -> state[0], Codecs.INT)
                .task("add", List.of("n"), (int[] state, int id, Integer n) -> state[0] += n, n -> new Object[] {n},
                        Codecs.INT, Codecs.INT)
                .task("fail", List.of("s"), (int[] state, int id, String s) -> {
                    throw new IllegalArgumentException(s);
                }, s -> new Object[] {s}, Codecs.STRING, Codecs.VOID)
                .build();
    }

    /**
     * A class-data training run: serves a built-in program over a real socket, driven by this JVM
     * itself as the parent would drive it, so that the archive holds the classes a worker uses.
     */
    private static void train() throws Exception {
        Path dir = Files.createTempDirectory("mpire4j-train");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread child = new Thread(() -> {
                try (SocketChannel channel = connect(socket, 1, 0)) {
                    WorkerHost.serve(Channels.newInputStream(channel), Channels.newOutputStream(channel), 0, TRAINING);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "mpire4j-train");
            child.start();
            try (SocketChannel channel = server.accept()) {
                ByteBuffer hello = ByteBuffer.allocate(12);
                while (hello.hasRemaining() && channel.read(hello) >= 0) {
                    // the handshake
                }
                Wire.In in = new Wire.In(Channels.newInputStream(channel));
                Wire.Out out = new Wire.Out(Channels.newOutputStream(channel));
                out.sendEmpty(Wire.HELLO);
                expect(in, Wire.READY);
                out.sendEmpty(Wire.INIT);
                expect(in, Wire.INIT_OK);
                for (int round = 0; round < 50; round++) {
                    DataOutputStream payload = Frames.beginChunk(out, 0, round % 2 == 0, round % 2 == 1, 4);
                    for (int i = 0; i < 4; i++) {
                        Codecs.INT.write(payload, i);
                    }
                    out.send(Wire.CHUNK);
                    byte type;
                    while ((type = in.next()) == Wire.STARTED) {
                        Frames.readStarted(in.data);
                    }
                    if (type != Wire.RESULTS) {
                        throw Wire.unexpected(type, "in training");
                    }
                }
                DataOutputStream payload = Frames.beginChunk(out, 1, false, false, 1);
                Codecs.STRING.write(payload, "training");
                out.send(Wire.CHUNK);
                byte failed;
                while ((failed = in.next()) == Wire.STARTED) {
                    Frames.readStarted(in.data);
                }
                if (failed != Wire.FAILED) {
                    throw Wire.unexpected(failed, "instead of FAILED in training");
                }
                Frames.readFailed(in.data);
                out.sendEmpty(Wire.EXIT);
                expect(in, Wire.EXIT_OK);
                out.sendEmpty(Wire.SHUTDOWN);
            }
            child.join();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void expect(Wire.In in, byte type) throws IOException {
        byte got = in.next();
        if (got != type) {
            throw Wire.unexpected(got, "in training, expected " + type);
        }
    }
}
