package io.mpire4j.internal;

import io.mpire4j.Insights;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTiming;
import io.mpire4j.WorkerInsights;
import io.mpire4j.spi.CallInfo;
import io.mpire4j.spi.CallOutcome;
import io.mpire4j.spi.PoolListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the dashboard shows: every call that started while it listened, running ones and the last
 * {@value #HISTORY} finished ones, as JSON.
 *
 * <p>Thread-safety: {@link #tasksCompleted} runs on worker threads once per chunk and only raises
 * an atomic counter (one map look-up, no lock, no allocation beyond the event itself). Call start
 * and end run on calling threads and take this board's lock briefly; the JSON is built on the
 * dashboard's own threads from a consistent view taken under that lock.
 */
final class CallBoard implements PoolListener {
    /** How many finished calls the board keeps. */
    static final int HISTORY = 100;
    /** How much of a failure's stack trace the board keeps. */
    private static final int MAX_STACK_CHARS = 16_000;

    private final ConcurrentHashMap<Long, Row> running = new ConcurrentHashMap<>();
    /** Finished calls, the most recent first; guarded by {@code this}. */
    private final ArrayDeque<Row> finished = new ArrayDeque<>();
    /** Raised on every call start and end: with the running calls' progress, it tells what changed. */
    private final AtomicLong version = new AtomicLong();

    @Override
    public void callStarted(CallInfo call) {
        running.put(call.id(), new Row(call));
        version.incrementAndGet();
    }

    /** The row of the call that reported progress last: most progress events hit it without a look-up. */
    private volatile Row recent;

    @Override
    public void tasksCompleted(CallInfo call, int tasks, long done) {
        Row row = recent;
        if (row == null || row.call != call) {
            row = running.get(call.id());
            if (row == null) {
                return;
            }
            recent = row;
        }
        row.advance(done);
    }

    @Override
    public void callEnded(CallInfo call, CallOutcome outcome, long done, Throwable failure) {
        Row row = running.get(call.id());
        if (row == null) {
            row = new Row(call);
        }
        Failure why = failure == null ? null : Failure.of(failure);
        Insights insights = insightsOf(call);
        row.end(outcome, done, why, insights);
        if (recent == row) {
            recent = null;
        }
        synchronized (this) {
            running.remove(call.id());
            finished.addFirst(row);
            while (finished.size() > HISTORY) {
                finished.removeLast();
            }
        }
        version.incrementAndGet();
    }

    private static Insights insightsOf(CallInfo call) {
        try {
            return call.pool().insights();
        } catch (RuntimeException e) {
            return Insights.empty();
        }
    }

    /**
     * What a client has seen: the version and the progress of every running call. Equal
     * fingerprints mean the list is unchanged (progress only grows while the version stays).
     */
    long[] fingerprint() {
        long doneSum = 0;
        for (Row row : running.values()) {
            doneSum += row.done.get();
        }
        return new long[] {version.get(), doneSum};
    }

    /** The rows, running calls first (newest first), then finished ones (most recently ended first). */
    private List<Row> rows() {
        List<Row> rows;
        synchronized (this) {
            rows = new ArrayList<>(running.values());
            rows.sort(Comparator.comparingLong((Row r) -> r.call.id()).reversed());
            rows.addAll(finished);
        }
        return rows;
    }

    /** {@code GET /api/calls}: {@code {"calls": [row, …]}}. */
    String callsJson() {
        long now = System.nanoTime();
        Json json = new Json().beginObject().name("calls").beginArray();
        for (Row row : rows()) {
            json.beginObject();
            row.fields(json, now);
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }

    /** {@code GET /api/calls/{id}}: the row plus insights and failure, or {@code null} if unknown. */
    String callJson(long id) {
        Row found = running.get(id);
        if (found == null) {
            synchronized (this) {
                for (Row row : finished) {
                    if (row.call.id() == id) {
                        found = row;
                        break;
                    }
                }
            }
        }
        if (found == null) {
            return null;
        }
        long now = System.nanoTime();
        Json json = new Json().beginObject();
        found.fields(json, now);
        json.name("insights");
        Ended ended = found.ended;
        insights(json, ended != null ? ended.insights : insightsOf(found.call));
        json.name("failure");
        if (ended == null || ended.failure == null) {
            json.nullValue();
        } else {
            ended.failure.write(json);
        }
        return json.endObject().toString();
    }

    private static void insights(Json json, Insights insights) {
        json.beginObject().name("recorded").value(!insights.isEmpty());
        json.name("tasksCompleted").value(insights.tasksCompleted());
        json.name("workers").beginArray();
        for (WorkerInsights w : insights.workers()) {
            json.beginObject().name("workerId").value(w.workerId()).name("tasks").value(w.tasksCompleted())
                    .name("startUpMillis").value(millis(w.startUp())).name("initMillis").value(millis(w.init()))
                    .name("waitingMillis").value(millis(w.waiting()))
                    .name("workingMillis").value(millis(w.working())).name("exitMillis").value(millis(w.exit()))
                    .endObject();
        }
        json.endArray().name("longestTasks").beginArray();
        for (TaskTiming t : insights.longestTasks()) {
            json.beginObject().name("workerId").value(t.workerId()).name("millis").value(millis(t.duration()))
                    .name("arguments").value(t.arguments()).endObject();
        }
        json.endArray().endObject();
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** One call: its fixed facts, its progress (raised by workers) and, once it ended, how. */
    private static final class Row {
        final CallInfo call;
        final AtomicLong done = new AtomicLong();
        /** Null while the call runs; written once by the calling thread. */
        volatile Ended ended;

        Row(CallInfo call) {
            this.call = call;
        }

        /**
         * Worker threads, once per chunk: a release store, no compare-and-set. Two workers may race
         * and leave a count a chunk behind until the next chunk; {@link #end} sets the final count.
         */
        void advance(long now) {
            if (now > done.getOpaque()) {
                done.setRelease(now);
            }
        }

        void end(CallOutcome outcome, long total, Failure failure, Insights insights) {
            done.set(Math.max(total, done.get()));
            ended = new Ended(outcome, System.nanoTime(), failure, insights);
        }

        void fields(Json json, long nowNanos) {
            Ended end = ended;
            long doneNow = done.get();
            long elapsed = Math.max(0, (end == null ? nowNanos : end.nanos) - call.startedNanos());
            double seconds = elapsed / 1e9;
            double rate = seconds > 0 ? doneNow / seconds : 0;
            json.name("id").value(call.id()).name("poolId").value(call.pool().id())
                    .name("method").value(call.method()).name("description").value(call.description())
                    .name("state").value(end == null ? "running" : end.outcome.name().toLowerCase(Locale.ROOT))
                    .name("done").value(doneNow).name("total").value(call.total())
                    .name("rate").value(rate).name("elapsedMillis").value(elapsed / 1_000_000)
                    .name("etaMillis");
            if (end == null && call.total() > 0 && rate > 0) {
                json.value((long) (Math.max(0, call.total() - doneNow) / rate * 1000));
            } else {
                json.nullValue();
            }
            json.name("startedAt").value(call.startedMillis())
                    .name("workerKind").value(call.pool().workerKind()).name("workers").value(call.pool().workers());
        }
    }

    /** How a call ended. */
    private record Ended(CallOutcome outcome, long nanos, Failure failure, Insights insights) {}

    /** A call's failure as text, made once on the calling thread. Never throws while made. */
    private record Failure(String type, String message, String method, int workerId, long taskIndex,
            List<String[]> arguments, String stackTrace) {

        static Failure of(Throwable failure) {
            List<String[]> arguments = new ArrayList<>();
            String method = null;
            int workerId = -1;
            long taskIndex = -1;
            Throwable shown = failure;
            if (failure instanceof TaskFailedException task) {
                method = task.method();
                workerId = task.workerId();
                taskIndex = task.taskIndex();
                List<String> names = task.parameterNames();
                List<Object> values = task.arguments();
                for (int i = 0; i < values.size(); i++) {
                    String name = i < names.size() ? names.get(i) : "arg" + i;
                    arguments.add(new String[] {name, ErrorReport.describe(values.get(i))});
                }
                if (task.getCause() != null) {
                    shown = task.getCause();
                }
            }
            return new Failure(failure.getClass().getName(), message(failure), method, workerId, taskIndex,
                    arguments, stackTrace(shown));
        }

        private static String message(Throwable t) {
            try {
                String message = t.getMessage();
                return message == null ? ErrorReport.throwableText(t) : message;
            } catch (RuntimeException | StackOverflowError e) {
                return ErrorReport.throwableText(t);
            }
        }

        private static String stackTrace(Throwable t) {
            try {
                StringWriter out = new StringWriter();
                t.printStackTrace(new PrintWriter(out));
                String text = out.toString();
                return text.length() <= MAX_STACK_CHARS ? text : text.substring(0, MAX_STACK_CHARS) + "\n\t…";
            } catch (RuntimeException | StackOverflowError e) {
                return ErrorReport.throwableText(t) + "\n\t(its stack trace could not be printed)";
            }
        }

        void write(Json json) {
            json.beginObject().name("type").value(type).name("message").value(message).name("method").value(method)
                    .name("workerId").value(workerId).name("taskIndex").value(taskIndex).name("arguments").beginArray();
            for (String[] argument : arguments) {
                json.beginObject().name("name").value(argument[0]).name("value").value(argument[1]).endObject();
            }
            json.endArray().name("stackTrace").value(stackTrace).endObject();
        }
    }
}
