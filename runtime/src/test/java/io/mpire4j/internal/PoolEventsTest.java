package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.spi.CallInfo;
import io.mpire4j.spi.CallOutcome;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolInfo;
import io.mpire4j.spi.PoolListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool events that the progress bar, the dashboard and metrics listen to. */
class PoolEventsTest {
    private final List<AutoCloseable> registrations = new ArrayList<>();

    @AfterEach
    void unregister() throws Exception {
        for (AutoCloseable r : registrations) {
            r.close();
        }
        assertEquals(0, PoolEvents.current().length, "a test left a listener registered");
    }

    /** Records every event as a line, plus the calls' ends. */
    private static final class Recorder implements PoolListener {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> progress = new ConcurrentLinkedQueue<>();

        @Override
        public void poolCreated(PoolInfo pool) {
            lines.add("created " + pool.className() + " " + pool.workerKind() + " " + pool.workers());
        }

        @Override
        public void poolClosed(PoolInfo pool) {
            lines.add("closed " + pool.className());
        }

        @Override
        public void callStarted(CallInfo call) {
            lines.add("started " + call.method() + " " + call.description() + " " + call.total());
        }

        @Override
        public void tasksCompleted(CallInfo call, int tasks, long done) {
            progress.add(done);
        }

        @Override
        public void callEnded(CallInfo call, CallOutcome outcome, long done, Throwable failure) {
            lines.add("ended " + call.method() + " " + outcome + " " + (outcome == CallOutcome.DONE ? done : ""));
            if (failure != null) {
                failures.add(failure);
            }
        }

        @Override
        public void workerStarted(PoolInfo pool, int workerId, Duration startUp) {
            lines.add("worker " + workerId);
        }
    }

    private Recorder register(PoolListener listener, Recorder recorder) {
        registrations.add(PoolEvents.register(listener));
        return recorder;
    }

    private static WorkerPool<Void, Void> pool(int workers) {
        return WorkerPool.create(WorkerProgram.<Void, Void>builder("Nums")
                .task("twice", List.of("n"), (Void state, int workerId, Integer n) -> {
                    if (n < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return 2 * n;
                }, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
                .build(), PoolOptions.defaults().workers(workers));
    }

    @Test
    void aCallReportsItsStartProgressPerChunkAndEnd() {
        Recorder r = new Recorder();
        register(r, r);
        List<Integer> input = IntStream.range(0, 100).boxed().toList();
        try (WorkerPool<Void, Void> pool = pool(2)) {
            List<Integer> out = pool.<Integer, Integer>method(0).chunkSize(10).map(input);
            assertEquals(IntStream.range(0, 100).map(i -> 2 * i).boxed().toList(), out);
        }
        List<String> lines = new ArrayList<>(r.lines);
        assertEquals("created Nums threads 2", lines.get(0));
        int started = lines.indexOf("started Nums.twice twice 100");
        assertTrue(started > 0 && started < lines.indexOf("ended Nums.twice DONE 100"), lines.toString());
        assertTrue(lines.contains("worker 0") && lines.contains("worker 1"), lines.toString());
        assertTrue(lines.contains("ended Nums.twice DONE 100"), lines.toString());
        assertEquals("closed Nums", lines.get(lines.size() - 1));
        assertEquals(10, r.progress.size(), "one progress event per chunk");
        assertEquals(100L, r.progress.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    @Test
    void aFailedCallCarriesTheFailureWithTheTaskArguments() {
        Recorder recorder = new Recorder();
        register(recorder, recorder);
        try (WorkerPool<Void, Void> pool = pool(2)) {
            assertThrows(TaskFailedException.class,
                    () -> pool.<Integer, Integer>method(0).chunkSize(1).map(List.of(1, 2, -7, 4)));
        }
        assertTrue(recorder.lines.contains("ended Nums.twice FAILED "), recorder.lines.toString());
        TaskFailedException failure = assertInstanceOf(TaskFailedException.class, recorder.failures.peek());
        assertEquals(List.of(-7), failure.arguments());
    }

    @Test
    void aListenerThatThrowsBreaksNothing() {
        PoolListener hostile = new PoolListener() {
            @Override
            public void callStarted(CallInfo call) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void tasksCompleted(CallInfo call, int tasks, long done) {
                throw new IllegalStateException("listener bug");
            }
        };
        registrations.add(PoolEvents.register(hostile));
        Recorder after = new Recorder();
        register(after, after);
        try (WorkerPool<Void, Void> pool = pool(2)) {
            assertEquals(List.of(2, 4, 6), pool.<Integer, Integer>method(0).map(List.of(1, 2, 3)));
        }
        assertTrue(after.lines.contains("ended Nums.twice DONE 3"), "later listeners still hear every event");
    }

    @Test
    void anImapClosedEarlyIsCancelledAndAnUnregisteredListenerHearsNothing() throws Exception {
        Recorder r = new Recorder();
        AutoCloseable registration = PoolEvents.register(r);
        try (WorkerPool<Void, Void> pool = pool(1)) {
            try (Stream<Integer> lazy = pool.<Integer, Integer>method(0).chunkSize(1)
                    .imap(Stream.iterate(0, i -> i + 1))) {
                assertEquals(List.of(0, 2, 4), lazy.limit(3).toList());
            }
            assertTrue(r.lines.contains("ended Nums.twice CANCELLED "), r.lines.toString());
            registration.close();
            registration.close(); // closing twice does nothing
            int heard = r.lines.size();
            pool.<Integer, Integer>method(0).map(List.of(1));
            assertEquals(heard, r.lines.size());
        }
    }
}
