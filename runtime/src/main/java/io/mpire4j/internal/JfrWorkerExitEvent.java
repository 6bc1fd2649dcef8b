package io.mpire4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR event for a worker's {@code @WorkerExit} and stop, on the worker's slot thread. */
@Name("io.mpire4j.WorkerExit")
@Label("mpire4j Worker Exit")
@Category({"mpire4j"})
@Description("A worker ran its @WorkerExit (if any) and stopped")
@StackTrace(false)
final class JfrWorkerExitEvent extends Event {
    @Label("Pool")
    long pool;

    @Label("Worker Id")
    int workerId;

    @Label("Failure")
    @Description("The class of what exit threw, if it failed")
    String failure;
}
