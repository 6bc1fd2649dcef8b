package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@code WorkerDiedException} says: the task that was running comes first, then the rest of its chunk. */
class DiedMessageTest {
    private static final String NL = System.lineSeparator();
    private static final MethodSpec<Object, Integer, Integer> CRASH = new MethodSpec<>("Fixture.crash",
            List.of("code"), (state, id, x) -> x, x -> new Object[] {x}, 0);

    private static Chunk<Object> chunk(long firstIndex, Integer... tasks) {
        return new Chunk<>(null, 0, firstIndex, tasks);
    }

    @Test
    void theRunningTasksArgumentsComeFirstEvenPastTheListedTasks() {
        Chunk<Object> chunk = chunk(10, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        String message = ChildWorker.diedMessage(CRASH, 1, 137, chunk, 7);
        String firstLine = message.lines().findFirst().orElseThrow();
        String secondLine = message.lines().skip(1).findFirst().orElseThrow();
        assertEquals("Fixture.crash: worker 1 died (killed by signal 9 (SIGKILL)) running task index 17", firstLine);
        assertEquals("    code = 7", secondLine);
        assertTrue(message.contains("holding 9 tasks (task indexes 10–18)"), message);
        assertTrue(message.contains("task 10: code = 0"), message);
    }

    @Test
    void aChunkWithNoTaskRunningListsItsTasks() {
        String message = ChildWorker.diedMessage(CRASH, 0, 3, chunk(0, 3, 4), -1);
        assertEquals("Fixture.crash: worker 0 died (exit code 3) holding 2 tasks (task indexes 0–1)" + NL
                + "    task 0: code = 3" + NL
                + "    task 1: code = 4", message);
    }

    @Test
    void aSingleTaskNamesItsArguments() {
        String message = ChildWorker.diedMessage(CRASH, 0, 3, chunk(-1, 5), 0);
        assertEquals("Fixture.crash: worker 0 died (exit code 3) running its task" + NL + "    code = 5", message);
    }
}
