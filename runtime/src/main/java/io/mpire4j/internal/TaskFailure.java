package io.mpire4j.internal;

import java.util.List;

/** What is known of a failed task, gathered on the worker and turned into an exception by the caller. */
record TaskFailure(String method, int workerId, long taskIndex, List<String> parameterNames, Object[] arguments) {}
