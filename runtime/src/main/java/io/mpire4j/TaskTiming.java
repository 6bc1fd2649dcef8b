package io.mpire4j;

import java.time.Duration;

/**
 * One of the longest tasks: how long it ran, on which worker, with which arguments. Immutable.
 *
 * @param workerId the worker that ran it
 * @param duration how long it ran
 * @param arguments its arguments as {@code name = value, …}
 */
public record TaskTiming(int workerId, Duration duration, String arguments) {}
