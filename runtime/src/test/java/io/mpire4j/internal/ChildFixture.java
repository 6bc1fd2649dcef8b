package io.mpire4j.internal;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/**
 * A hand-written stand-in for a generated {@code *Parallel} class: the worker program that child
 * JVMs rebuild through {@link Provider} (listed in the test class path's
 * {@code META-INF/services/io.mpire4j.internal.ProgramProvider}). Methods by index, as in {@link #program}.
 */
final class ChildFixture {
    static final int SQUARE = 0;
    static final int CRASH = 1;
    static final int BOOM = 2;
    static final int SPIN = 3;
    static final int HOG = 4;
    static final int SAY = 5;
    static final int PID = 6;
    static final int ECHO = 7;
    static final int BLOCK = 8;
    static final int ADD = 9;
    static final int GREET = 10;
    static final int WEIRD = 11;
    static final int FORK = 12;
    static final int ORPHAN = 13;
    static final int FAREWELL = 14;
    static final int SHARING = 15;
    static final int LINGER = 16;

    private ChildFixture() {}

    /** The program, with {@code prefix} as the shared receiver of {@link #GREET}. */
    static WorkerProgram<int[], Integer> program(String prefix) {
        return WorkerProgram.<int[], Integer>builder("ChildFixture")
                .generatedName(ChildFixture.class.getName())
                .receiver(prefix, Codecs.STRING)
                .init("start", id -> new int[] {0})
                .exit("total", (state, id) -> state[0], Codecs.INT)
                .task("square", List.of("n"), (int[] s, int id, Integer n) -> n * n, n -> new Object[] {n},
                        Codecs.INT, Codecs.INT)
                .task("crash", List.of("code"), (int[] s, int id, Integer code) -> {
                    System.exit(code);
                    return null;
                }, c -> new Object[] {c}, Codecs.INT, Codecs.VOID)
                .task("boom", List.of("message"), (int[] s, int id, String message) -> boom(message),
                        m -> new Object[] {m}, Codecs.STRING, Codecs.VOID)
                .task("spin", List.of("n"), (int[] s, int id, Integer n) -> spin(n), n -> new Object[] {n},
                        Codecs.INT, Codecs.LONG)
                .task("hog", List.of("megabytes"), (int[] s, int id, Integer mb) -> new long[mb * 131_072].length,
                        m -> new Object[] {m}, Codecs.INT, Codecs.INT)
                .task("say", List.of("text"), (int[] s, int id, String text) -> {
                    System.out.println(text);
                    System.err.println("err: " + text);
                    return null;
                }, t -> new Object[] {t}, Codecs.STRING, Codecs.VOID)
                .task("pid", List.of("n"), (int[] s, int id, Integer n) -> ProcessHandle.current().pid(),
                        n -> new Object[] {n}, Codecs.INT, Codecs.LONG)
                .task("echo", List.of("value"), (int[] s, int id, Object value) -> value, v -> new Object[] {v},
                        Codecs.serialized(Object.class), Codecs.serialized(Object.class))
                .task("block", List.of("marker"), (int[] s, int id, String marker) -> {
                    System.out.println(marker);
                    Thread.sleep(120_000);
                    return null;
                }, m -> new Object[] {m}, Codecs.STRING, Codecs.VOID)
                .task("add", List.of("n"), (int[] s, int id, Integer n) -> s[0] += n, n -> new Object[] {n},
                        Codecs.INT, Codecs.INT)
                .task("greet", List.of("name"), (int[] s, int id, String name) -> prefix + name,
                        n -> new Object[] {n}, Codecs.STRING, Codecs.STRING)
                .task("weird", List.of("n"), (int[] s, int id, Integer n) -> {
                    throw new Unsendable("weird " + n);
                }, n -> new Object[] {n}, Codecs.INT, Codecs.VOID)
                .task("fork", List.of("pidFile"), (int[] s, int id, String pidFile) -> {
                    Process sleeper = new ProcessBuilder("sleep", "120").inheritIO().start();
                    java.nio.file.Files.writeString(java.nio.file.Path.of(pidFile), Long.toString(sleeper.pid()));
                    return spin(1);
                }, f -> new Object[] {f}, Codecs.STRING, Codecs.LONG)
                .task("orphan", List.of("pidFile"), (int[] s, int id, String pidFile) -> {
                    // sh starts sleep in the background and exits: the sleep is no descendant of
                    // this JVM any more, but holds its stdout and stderr open
                    new ProcessBuilder("sh", "-c", "sleep 120 & echo $! > " + pidFile).inheritIO().start().waitFor();
                    return spin(1);
                }, f -> new Object[] {f}, Codecs.STRING, Codecs.LONG)
                .task("farewell", List.of("lines"), (int[] s, int id, Integer lines) -> {
                    // printed by the exiting JVM, after its last frame to the parent
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        for (int i = 1; i <= lines; i++) {
                            System.out.println("farewell " + i + " of " + lines);
                        }
                    }));
                    return null;
                }, n -> new Object[] {n}, Codecs.INT, Codecs.VOID)
                .task("sharing", List.of("n"), (int[] s, int id, Integer n) -> sharing(), n -> new Object[] {n},
                        Codecs.INT, Codecs.STRING)
                .task("linger", List.of("message"), (int[] s, int id, String message) -> {
                    // a thread that never ends and is no daemon, and a hook that shows a normal exit
                    Thread.ofPlatform().daemon(false).name("linger").start(() -> {
                        try {
                            new java.util.concurrent.CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(message)));
                    return null;
                }, m -> new Object[] {m}, Codecs.STRING, Codecs.VOID)
                .build();
    }

    /**
     * How this JVM shares class data: {@code record} if it records an AOT cache, {@code cache} if
     * it was started with one, then whether the JVM reports sharing ({@code java.vm.info}).
     */
    private static String sharing() {
        String[] arguments = ProcessHandle.current().info().arguments().orElse(new String[0]);
        boolean record = java.util.Arrays.asList(arguments).contains("-XX:AOTMode=record");
        boolean cache = java.util.Arrays.stream(arguments).anyMatch(a -> a.startsWith("-XX:AOTCache="));
        return (record ? "record" : cache ? "cache" : "none") + " "
                + (System.getProperty("java.vm.info", "").contains("sharing") ? "sharing" : "not-sharing");
    }

    private static Void boom(String message) {
        throw new IllegalStateException(message);
    }

    /** Spins without ever looking at interrupts. */
    private static long spin(int n) {
        long x = n;
        while (x != -1) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (x == 42) {
                x++;
            }
        }
        return x;
    }

    /** An exception that holds a value Java serialization cannot write. */
    static final class Unsendable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"serial", "unused"})
        private final Object lock = new Object();

        Unsendable(String message) {
            super(message);
        }
    }

    /** Found by child JVMs through ServiceLoader. */
    public static final class Provider implements ProgramProvider {
        @Override
        public String name() {
            return ChildFixture.class.getName();
        }

        @Override
        public WorkerProgram<?, ?> program(DataInput receiver) throws IOException {
            return ChildFixture.program(Codecs.STRING.read(receiver));
        }
    }
}
