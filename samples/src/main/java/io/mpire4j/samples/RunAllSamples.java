package io.mpire4j.samples;

/** Runs every sample in order: what {@code ./build samples} does. */
public final class RunAllSamples {
    private RunAllSamples() {}

    public static void main(String[] args) throws Exception {
        run("1. A slow function on 5 workers", () -> Sample01_SlowFunction.main(args));
        run("2. Per-worker state, init and exit", () -> Sample02_WorkerState.main(args));
        run("3. An error report that shows the arguments", () -> Sample03_ErrorReport.main(args));
        run("4. Expensive init once per worker, and insights", () -> Sample04_ExpensiveInit.main(args));
        run("5. A shared object, never copied", () -> Sample05_SharedObject.main(args));
        run("6. Lazy results from an endless input", () -> Sample06_LazyStreams.main(args));
        run("7. Timeouts and worker lifespan", () -> Sample07_TimeoutsAndLifespan.main(args));
        run("8. Child JVMs that crash or run away", () -> Sample08_ChildProcesses.main(args));
        run("9. The dashboard: every call, live, in a browser", () -> Sample09_Dashboard.main(args));
        run("10. The same pool on a Hazelcast cluster of two member JVMs", () -> Sample10_Cluster.main(args));
        run("11. A big file, split by lines: the One Billion Row Challenge",
                () -> Sample11_OneBillionRows.main(new String[0]));
        run("12. Printing while progress bars run", () -> Sample12_PrintingWhileBarsRun.main(args));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void run(String title, Body body) throws Exception {
        System.out.println();
        System.out.println("=== Sample " + title + " ===");
        System.out.flush();
        body.run();
        System.out.flush();
    }
}
