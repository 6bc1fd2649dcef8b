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
 * Internal: the entry point of a child-JVM worker ({@link StartMethod#PROCESSES}). The pool starts
 * {@code java … io.mpire4j.internal.ChildMain <socket> <token> <worker id> <program>}; this class is public
 * only so that the JVM can launch it. Do not call it.
 *
 * <p>The child connects to the pool's Unix-domain socket, sends its token and id, finds the
 * program through {@link ServiceLoader} (the generated {@link ProgramProvider} whose
 * {@code name()} is the program's generated class) and then serves {@link Wire} frames on its main
 * thread: init, tasks and exit run there, calling the annotated methods directly by index. A daemon
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

    private final int workerId;
    private final Wire.In in;
    private final Wire.Out out;

    private ChildMain(int workerId, Wire.In in, Wire.Out out) {
        this.workerId = workerId;
        this.in = in;
        this.out = out;
    }

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
        try (SocketChannel channel = connect(Path.of(args[0]), Long.parseLong(args[1]), workerId)) {
            code = new ChildMain(workerId, new Wire.In(Channels.newInputStream(channel)),
                    new Wire.Out(Channels.newOutputStream(channel))).serve(args[3]);
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
            Runtime.getRuntime().exit(0); // a normal shutdown runs the user's shutdown hooks
        }
        Runtime.getRuntime().halt(code);
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
    @SuppressWarnings("unchecked")
    private int serve(String programName) throws IOException {
        byte type = in.next();
        if (type != Wire.HELLO) {
            throw Wire.unexpected(type, "instead of HELLO");
        }
        WorkerProgram<Object, Object> program;
        try {
            program = (WorkerProgram<Object, Object>) find(programName, in.data);
        } catch (Throwable t) {
            sendThrowable(Wire.START_FAILED, t);
            return 1;
        }
        out.sendEmpty(Wire.READY);
        Object state = null;
        while (true) {
            type = in.next();
            switch (type) {
                case Wire.INIT -> {
                    try {
                        state = program.init(workerId);
                    } catch (Throwable t) {
                        sendThrowable(Wire.INIT_FAILED, t);
                        break;
                    }
                    out.sendEmpty(Wire.INIT_OK);
                }
                case Wire.CHUNK -> runChunk(program, state);
                case Wire.EXIT -> {
                    Object result;
                    try {
                        result = program.exit(state, workerId);
                    } catch (Throwable t) {
                        sendThrowable(Wire.EXIT_FAILED, t);
                        break;
                    } finally {
                        state = null;
                    }
                    sendExit(program, result);
                }
                case Wire.SHUTDOWN -> {
                    return 0;
                }
                default -> throw Wire.unexpected(type, "in the child's loop");
            }
            System.out.flush();
            System.err.flush();
        }
    }

    private void runChunk(WorkerProgram<Object, Object> program, Object state) throws IOException {
        DataInput data = in.data;
        int index = data.readInt();
        int flags = data.readUnsignedByte();
        boolean timed = (flags & ChildWorker.TIMED) != 0;
        boolean measured = (flags & ChildWorker.MEASURED) != 0;
        int n = data.readInt();
        List<WorkerProgram.TaskDef<Object, ?, ?>> defs = program.tasks();
        if (index < 0 || index >= defs.size()) {
            throw new IOException("protocol error: method index " + index + " of " + defs.size());
        }
        @SuppressWarnings("unchecked")
        WorkerProgram.TaskDef<Object, Object, Object> def = (WorkerProgram.TaskDef<Object, Object, Object>) defs.get(index);
        Object[] tasks = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                tasks[i] = def.taskCodec().read(data);
            } catch (IOException | RuntimeException e) {
                sendFailed(i, new IOException("the child JVM could not read task " + i + " of its chunk: "
                        + ErrorReport.throwableText(e), e));
                return;
            }
        }
        Object[] results = new Object[n];
        long[] nanos = measured ? new long[n] : null;
        WorkerProgram.Task<Object, Object, Object> task = def.task();
        for (int i = 0; i < n; i++) {
            if (timed) {
                out.begin().writeInt(i);
                out.send(Wire.STARTED);
            }
            long start = measured ? System.nanoTime() : 0;
            try {
                results[i] = task.run(state, workerId, tasks[i]);
            } catch (Throwable t) {
                sendFailed(i, t);
                return;
            }
            if (measured) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        DataOutputStream payload = out.begin();
        payload.writeInt(n);
        for (int i = 0; i < n; i++) {
            try {
                def.resultCodec().write(payload, results[i]);
            } catch (IOException | RuntimeException e) {
                sendFailed(i, cannotSend("the result", results[i], e));
                return;
            }
        }
        if (measured) {
            for (long t : nanos) {
                payload.writeLong(t);
            }
        }
        out.send(Wire.RESULTS);
    }

    private void sendExit(WorkerProgram<Object, Object> program, Object result) throws IOException {
        Codec<Object> codec = program.exitCodec();
        DataOutputStream payload = out.begin();
        try {
            if (codec != null) {
                codec.write(payload, result);
            } else if (result != null) {
                // Without a codec the exit result must be void (null): nothing else is deserialized blindly.
                throw new NotSerializableException(result.getClass().getName() + " (the @WorkerExit result) has no "
                        + "codec: build the program with exit(name, exit, codec) to return it from a child JVM");
            }
        } catch (IOException | RuntimeException e) {
            sendThrowable(Wire.EXIT_FAILED, cannotSend("the @WorkerExit result", result, e));
            return;
        }
        out.send(Wire.EXIT_OK);
    }

    static IOException cannotSend(String what, Object value, Exception e) {
        String type = value == null ? "null" : value.getClass().getName();
        return new NotSerializableException(what + " (a " + type + ") cannot be sent between JVMs: " + ErrorReport.messageOf(e));
    }

    private void sendFailed(int position, Throwable t) throws IOException {
        DataOutputStream payload = out.begin();
        payload.writeInt(position);
        Wire.writeThrowable(payload, t);
        out.send(Wire.FAILED);
    }

    private void sendThrowable(byte type, Throwable t) throws IOException {
        Wire.writeThrowable(out.begin(), t);
        out.send(type);
    }

    /** The program named {@code name}, built by its provider (which reads the receiver from {@code receiver}). */
    private static WorkerProgram<?, ?> find(String name, DataInput receiver) throws IOException {
        ServiceLoader<ProgramProvider> loader = ServiceLoader.load(ProgramProvider.class);
        ProgramProvider match = null;
        String expected = name + "$";
        try {
            // Generated providers are nested in the generated class: try those first, instantiating nothing else.
            for (ServiceLoader.Provider<ProgramProvider> p : (Iterable<ServiceLoader.Provider<ProgramProvider>>)
                    loader.stream()::iterator) {
                if (p.type().getName().startsWith(expected)) {
                    ProgramProvider candidate = p.get();
                    if (name.equals(candidate.name())) {
                        match = candidate;
                        break;
                    }
                }
            }
            if (match == null) {
                for (ProgramProvider candidate : loader) {
                    if (name.equals(candidate.name())) {
                        match = candidate;
                        break;
                    }
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot list the ProgramProviders on the class path: " + e, e);
        }
        if (match == null) {
            if (TRAINING.equals(name)) {
                return trainingProgram();
            }
            throw new IllegalStateException("no ProgramProvider named " + name + " on the child JVM's class path "
                    + "(META-INF/services/io.mpire4j.internal.ProgramProvider): is it compiled with the mpire4j processor?");
        }
        return match.program(receiver);
    }

    // ---------------------------------------------------------------- class-data training

    private static WorkerProgram<int[], Integer> trainingProgram() {
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
                    new ChildMain(0, new Wire.In(Channels.newInputStream(channel)),
                            new Wire.Out(Channels.newOutputStream(channel))).serve(TRAINING);
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
                    DataOutputStream payload = out.begin();
                    payload.writeInt(0);
                    payload.writeByte(round % 2 == 0 ? ChildWorker.TIMED : ChildWorker.MEASURED);
                    payload.writeInt(4);
                    for (int i = 0; i < 4; i++) {
                        Codecs.INT.write(payload, i);
                    }
                    out.send(Wire.CHUNK);
                    byte type;
                    while ((type = in.next()) == Wire.STARTED) {
                        in.data.readInt();
                    }
                    if (type != Wire.RESULTS) {
                        throw Wire.unexpected(type, "in training");
                    }
                }
                DataOutputStream payload = out.begin();
                payload.writeInt(1);
                payload.writeByte(0);
                payload.writeInt(1);
                Codecs.STRING.write(payload, "training");
                out.send(Wire.CHUNK);
                expect(in, Wire.FAILED);
                in.data.readInt();
                Wire.readThrowable(in.data);
                out.sendEmpty(Wire.EXIT);
                expect(in, Wire.EXIT_OK);
                out.sendEmpty(Wire.SHUTDOWN);
            }
            child.join();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
        ProcessHandle.current().parent().ifPresent(ProcessHandle::isAlive);
    }

    private static void expect(Wire.In in, byte type) throws IOException {
        byte got = in.next();
        if (got != type) {
            throw Wire.unexpected(got, "in training, expected " + type);
        }
    }
}
