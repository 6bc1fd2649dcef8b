package io.mpire4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event for one task run on a worker thread in this JVM ({@code THREADS},
 * {@code VIRTUAL_THREADS}). Created by {@link ThreadWorker} only while a recording enables it
 * (checked once per chunk). Child JVMs ({@code PROCESSES}) do not record tasks: their chunk frames
 * do not carry task indexes; the parent records their chunks.
 */
@Name("io.mpire4j.Task")
@Label("mpire4j Task")
@Category({"mpire4j"})
@Description("One task of a call, as the worker ran it")
@StackTrace(false)
final class JfrTaskEvent extends Event {
    @Label("Method")
    String method;

    @Label("Worker Id")
    int workerId;

    @Label("Task Index")
    @Description("The task's position in the call's input, or -1 for a single apply")
    long taskIndex;

    @Label("Failed")
    boolean failed;
}
