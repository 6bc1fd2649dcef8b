package io.mpire4j.internal;

import java.util.List;

/**
 * Kills a child JVM together with every process it started: a task may launch programs of its own,
 * and a killed child would otherwise leave them running (and holding its output pipes).
 * Stateless; thread-safe.
 */
final class ProcessTree {
    private ProcessTree() {}

    /**
     * Kills {@code process} and its descendants at once. The descendants are listed first (once
     * their parent is dead they are no longer its descendants), then the child is killed so that
     * it starts no more, then they are.
     */
    static void destroyForcibly(Process process) {
        List<ProcessHandle> descendants;
        try {
            descendants = process.descendants().toList();
        } catch (RuntimeException | LinkageError unknown) {
            descendants = List.of();
        }
        process.destroyForcibly();
        for (ProcessHandle descendant : descendants) {
            try {
                descendant.destroyForcibly();
            } catch (RuntimeException notOurs) {
                // gone meanwhile, or not ours to kill
            }
        }
    }
}
