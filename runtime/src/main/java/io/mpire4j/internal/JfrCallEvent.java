package io.mpire4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event for one call over many tasks ({@code map}, {@code imap}, {@code forEach}…): it begins
 * as the call starts and is committed as it ends, on the thread that ends it. Created by
 * {@link CallEvents} only while a recording enables it.
 */
@Name("io.mpire4j.Call")
@Label("mpire4j Call")
@Category({"mpire4j"})
@Description("A call of a @Parallel method over many tasks, from its start to its end")
@StackTrace(false)
final class JfrCallEvent extends Event {
    @Label("Pool")
    @Description("The pool's id, unique in this JVM")
    long pool;

    @Label("Method")
    String method;

    @Label("Description")
    String description;

    @Label("Total")
    @Description("The number of tasks, or -1 when the input's length was unknown")
    long total;

    @Label("Tasks")
    @Description("The tasks that completed")
    long tasks;

    @Label("Outcome")
    @Description("DONE, FAILED or CANCELLED")
    String outcome;
}
