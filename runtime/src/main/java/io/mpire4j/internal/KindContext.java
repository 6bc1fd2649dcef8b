package io.mpire4j.internal;

import io.mpire4j.spi.PoolContext;
import java.util.List;
import java.util.Set;

/**
 * A pool as its worker kind sees it: the program and the resolved plan. The receiver is encoded
 * once, on first use. Thread-safe.
 */
final class KindContext implements PoolContext {
    private final WorkerProgram<?, ?> program;
    private final PoolPlan plan;
    private byte[] receiver;

    KindContext(WorkerProgram<?, ?> program, PoolPlan plan) {
        this.program = program;
        this.plan = plan;
    }

    /** The program, for the built-in kinds, which call its methods directly. */
    WorkerProgram<?, ?> program() {
        return program;
    }

    @Override
    public int workers() {
        return plan.workers();
    }

    @Override
    public String className() {
        return program.className();
    }

    @Override
    public String programName() {
        return program.generatedName();
    }

    @Override
    public synchronized byte[] encodedReceiver() {
        if (receiver == null) {
            receiver = ChildLauncher.encodeReceiver(program);
        }
        return receiver;
    }

    @Override
    public List<String> jvmOptions() {
        return plan.jvmOptions();
    }

    @Override
    public Set<Integer> cpus(int id) {
        return plan.cpus(id);
    }

    @Override
    public String taskset() {
        return plan.taskset();
    }

    @Override
    public boolean insights() {
        return plan.insights();
    }
}
