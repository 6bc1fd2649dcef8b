package io.mpire4j.internal;

import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Internal, not API: the remote side of a worker, for mpire4j's worker kinds whose workers live
 * outside the pool's threads (a child JVM's {@link ChildMain}, a cluster member's slot, a test's
 * loopback). It rebuilds the program by name through {@link ServiceLoader} (the generated
 * {@link ProgramProvider} whose {@code name()} is the program's generated class), then serves the
 * pool's frames ({@link Wire}, {@link Frames}) on the calling thread: init, tasks and exit run
 * there, calling the annotated methods directly by index. The pool's side is {@link RemoteWorker}.
 */
public final class WorkerHost {
    private final int workerId;
    private final Wire.In in;
    private final Wire.Out out;

    private WorkerHost(int workerId, Wire.In in, Wire.Out out) {
        this.workerId = workerId;
        this.in = in;
        this.out = out;
    }

    /**
     * Serves worker {@code workerId} of the program {@code programName} over {@code in} and
     * {@code out} until the pool sends SHUTDOWN (returns 0) or the program cannot be built
     * (returns 1, after telling the pool); throws {@link IOException} when the link breaks. Runs
     * on the calling thread, which then runs the user's init, tasks and exit.
     */
    public static int serve(InputStream in, OutputStream out, int workerId, String programName) throws IOException {
        return new WorkerHost(workerId, new Wire.In(in), new Wire.Out(out)).serve(programName);
    }

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
        Frames.ChunkHeader header = Frames.readChunkHeader(data);
        int index = header.method();
        boolean timed = header.timed();
        boolean measured = header.measured();
        int n = header.size();
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
            if (timed || i == 0) {
                Frames.sendStarted(out, i); // the first always: it tells a chunk that began from one never begun
            }
            long start = measured ? System.nanoTime() : 0;
            try {
                results[i] = task.run(state, workerId, tasks[i]);
            } catch (Throwable t) {
                sendFailed(i, t, def.resultCodec(), results);
                return;
            }
            if (measured) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        DataOutputStream payload = Frames.beginResults(out, n);
        for (int i = 0; i < n; i++) {
            try {
                def.resultCodec().write(payload, results[i]);
            } catch (IOException | RuntimeException e) {
                sendFailed(i, cannotSend("the result", results[i], e));
                return;
            }
        }
        if (measured) {
            Frames.writeNanos(payload, nanos);
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
        Frames.sendFailed(out, position, t, new byte[0], 0);
    }

    /** Sends FAILED with the results of the tasks before {@code position}, or without them if one cannot be written. */
    private void sendFailed(int position, Throwable t, Codec<Object> codec, Object[] results) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int count = position;
        try {
            DataOutputStream before = new DataOutputStream(bytes);
            for (int i = 0; i < position; i++) {
                codec.write(before, results[i]);
            }
            before.flush();
        } catch (IOException | RuntimeException e) {
            count = 0; // the pool runs those tasks again if it needs their results
        }
        Frames.sendFailed(out, position, t, bytes.toByteArray(), count);
    }

    private void sendThrowable(byte type, Throwable t) throws IOException {
        Wire.writeThrowable(out.begin(), t);
        out.send(type);
    }

    /** The program named {@code name}, built by its provider (which reads the receiver from {@code receiver}). */
    private static WorkerProgram<?, ?> find(String name, DataInput receiver) throws IOException {
        ProgramProvider match = generatedProvider(name);
        if (match == null) {
            match = registeredProvider(name);
        }
        if (match == null) {
            if (ChildMain.TRAINING.equals(name)) {
                return ChildMain.trainingProgram();
            }
            throw new IllegalStateException("no ProgramProvider named " + name + " on the class path of the worker's JVM "
                    + "(META-INF/services/io.mpire4j.internal.ProgramProvider): is it compiled with the mpire4j processor?");
        }
        return match.program(receiver);
    }

    /**
     * The provider the processor generates for {@code name}, its nested {@code Provider} class,
     * loaded by name: no look through every jar of the class path for service files, which costs a
     * child JVM 10 ms or more as it starts (more with large jars). Null when there is none of that
     * name (a provider written by hand, or another processor version), so that the registered
     * providers decide.
     */
    static ProgramProvider generatedProvider(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> type = Class.forName(name + "$Provider", true,
                    loader != null ? loader : ProgramProvider.class.getClassLoader());
            if (ProgramProvider.class.isAssignableFrom(type)) {
                ProgramProvider candidate = (ProgramProvider) type.getConstructor().newInstance();
                if (name.equals(candidate.name())) {
                    return candidate;
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notGenerated) {
            // not there, or not ours: the registered providers decide
        }
        return null;
    }

    /** The provider of {@code name} registered in {@code META-INF/services}, or null. */
    private static ProgramProvider registeredProvider(String name) {
        ServiceLoader<ProgramProvider> loader = ServiceLoader.load(ProgramProvider.class);
        String expected = name + "$";
        try {
            // Generated providers are nested in the generated class: try those first, instantiating nothing else.
            for (ServiceLoader.Provider<ProgramProvider> p : (Iterable<ServiceLoader.Provider<ProgramProvider>>)
                    loader.stream()::iterator) {
                if (p.type().getName().startsWith(expected)) {
                    ProgramProvider candidate = p.get();
                    if (name.equals(candidate.name())) {
                        return candidate;
                    }
                }
            }
            for (ProgramProvider candidate : loader) {
                if (name.equals(candidate.name())) {
                    return candidate;
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot list the ProgramProviders on the class path: " + e, e);
        }
        return null;
    }
}
