package io.mpire4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event for one chunk run by one worker, from when the worker takes it to its report
 * (completed or failed). Created by {@link ChunkRun} only while a recording enables it.
 */
@Name("io.mpire4j.Chunk")
@Label("mpire4j Chunk")
@Category({"mpire4j"})
@Description("A chunk of a call's tasks, run by one worker")
@StackTrace(false)
final class JfrChunkEvent extends Event {
    @Label("Pool")
    long pool;

    @Label("Method")
    String method;

    @Label("Worker Id")
    int workerId;

    @Label("Tasks")
    @Description("The tasks in the chunk")
    int tasks;

    @Label("Failed")
    @Description("Whether a task of the chunk failed")
    boolean failed;
}
