package io.mpire4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR event for a worker's {@code @WorkerInit}, on the worker's slot thread. */
@Name("io.mpire4j.WorkerInit")
@Label("mpire4j Worker Init")
@Category({"mpire4j"})
@Description("A worker ran its @WorkerInit")
@StackTrace(false)
final class JfrWorkerInitEvent extends Event {
    @Label("Pool")
    long pool;

    @Label("Worker Id")
    int workerId;

    @Label("Failure")
    @Description("The class of what init threw, if it failed")
    String failure;
}
