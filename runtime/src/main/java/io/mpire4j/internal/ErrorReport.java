package io.mpire4j.internal;

import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.WorkerExitException;
import io.mpire4j.WorkerInitException;
import java.lang.reflect.Array;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/** Formats failures so that one log entry is enough to see what failed, where, and on what input. */
final class ErrorReport {
    static final int MAX_VALUE_CHARS = 120;
    static final int MAX_ELEMENTS = 8;
    /** The cause's own text in a message; the full text stays on {@code getCause()}. */
    static final int MAX_CAUSE_CHARS = 500;

    private ErrorReport() {}

    /** A duration as people write it: {@code 250 ms}, {@code 1.5 s}, {@code 2 min 5 s}. */
    static String duration(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return d.toNanos() % 1_000_000 == 0 || ms >= 10 ? ms + " ms"
                    : String.format(java.util.Locale.ROOT, "%.3f ms", d.toNanos() / 1e6);
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.3f s", ms / 1e3)
                    .replaceAll("0+ s$", " s");
        }
        long s = d.toSeconds();
        return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    static String indexSuffix(long taskIndex) {
        return taskIndex < 0 ? "" : " (task index " + taskIndex + ")";
    }

    /** The text of a throwable as {@code toString()} gives it, or a stand-in if that throws. Never throws. */
    static String throwableText(Throwable t) {
        if (t == null) {
            return "null";
        }
        try {
            return String.valueOf(t);
        } catch (Throwable e) {
            rethrowIfFatal(e);
            String message = messageOf(t);
            return t.getClass().getName() + (message == null ? "" : ": " + message) + " (its toString() threw "
                    + e.getClass().getName() + ")";
        }
    }

    /**
     * {@code t.getMessage()}, or a stand-in naming what it threw instead. Never throws (except
     * {@link OutOfMemoryError}, which no stand-in can help).
     */
    static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            rethrowIfFatal(e);
            return "(its getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    /** {@code String.valueOf(value)}, or a stand-in naming its class and what was thrown instead. Never throws. */
    static String text(Object value) {
        try {
            return String.valueOf(value);
        } catch (Throwable e) {
            rethrowIfFatal(e);
            return value.getClass().getName() + " (toString() threw " + e.getClass().getSimpleName() + ")";
        }
    }

    /** User code may throw anything from {@code toString}; only running out of memory is passed on. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof OutOfMemoryError fatal) {
            throw fatal;
        }
    }

    static String taskMessage(String headline, TaskFailure failure, Throwable cause) {
        StringBuilder out = new StringBuilder(headline);
        out.append(arguments(failure.parameterNames(), failure.arguments(), System.lineSeparator() + "    "));
        if (cause != null) {
            out.append(System.lineSeparator()).append("  cause: ").append(cut(throwableText(cause), MAX_CAUSE_CHARS));
        }
        return out.toString();
    }

    /**
     * {@code name = value} for each argument, each preceded by {@code separator} (the first one too,
     * unless the separator is {@code ", "}). Never throws.
     */
    static String arguments(List<String> names, Object[] args, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0 || !separator.equals(", ")) {
                out.append(separator);
            }
            out.append(i < names.size() ? names.get(i) : "arg" + i).append(" = ").append(describe(args[i]));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- the exceptions, built here

    static TaskFailedException taskFailed(TaskFailure f, Throwable cause) {
        String headline = f.method() + " failed on worker " + f.workerId() + indexSuffix(f.taskIndex());
        return new TaskFailedException(safeTaskMessage(headline, f, cause), f.method(), f.workerId(), f.taskIndex(),
                f.parameterNames(), Arrays.asList(f.arguments()), cause);
    }

    /** A task that could not be encoded in the calling JVM, so it never reached its worker. */
    static TaskFailedException notSent(TaskFailure f, Throwable cause) {
        String headline = f.method() + indexSuffix(f.taskIndex()).replaceFirst("^ \\((.*)\\)$", ": $1")
                + " could not be sent to worker " + f.workerId() + ": encoding its arguments failed in this JVM,"
                + " before the task reached the worker";
        return new TaskFailedException(safeTaskMessage(headline, f, cause), f.method(), f.workerId(), f.taskIndex(),
                f.parameterNames(), Arrays.asList(f.arguments()), cause);
    }

    static TaskTimeoutException timedOut(TaskFailure f, java.time.Duration timeout) {
        String headline = f.method() + " timed out after " + duration(timeout) + " on worker " + f.workerId()
                + indexSuffix(f.taskIndex());
        return new TaskTimeoutException(safeTaskMessage(headline, f, null), f.method(), f.workerId(), f.taskIndex(),
                f.parameterNames(), Arrays.asList(f.arguments()), timeout);
    }

    static WorkerDiedException died(TaskFailure f, int exitCode, String message) {
        return new WorkerDiedException(message, f.method(), f.workerId(), f.taskIndex(), f.parameterNames(),
                Arrays.asList(f.arguments()), exitCode);
    }

    static WorkerInitException initFailed(String method, int workerId, String problem, Throwable cause) {
        return new WorkerInitException("@WorkerInit " + method + " " + problem + " on worker " + workerId
                + (cause == null ? "" : ": " + cut(throwableText(cause), MAX_CAUSE_CHARS)), method, workerId, cause);
    }

    static WorkerExitException exitFailed(String method, int workerId, String problem, Throwable cause) {
        return new WorkerExitException("@WorkerExit " + method + " " + problem + " on worker " + workerId
                + (cause == null ? "" : ": " + cut(throwableText(cause), MAX_CAUSE_CHARS)), method, workerId, cause);
    }

    /** {@link #taskMessage}, or the headline alone should building the rest fail in a way not foreseen. */
    private static String safeTaskMessage(String headline, TaskFailure failure, Throwable cause) {
        try {
            return taskMessage(headline, failure, cause);
        } catch (Throwable e) {
            rethrowIfFatal(e);
            return headline + " (the arguments could not be described: " + e.getClass().getName() + ")";
        }
    }

    /**
     * A short, readable rendering of an argument: strings quoted and cut, arrays and collections
     * with their size and first elements, anything else by {@code toString()} (cut). Never throws.
     */
    static String describe(Object value) {
        try {
            if (value == null) {
                return "null";
            }
            if (value instanceof CharSequence text) {
                return quote(text);
            }
            if (value.getClass().isArray()) {
                int length = Array.getLength(value);
                StringBuilder out = new StringBuilder(arrayType(value, length)).append(" [");
                for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
                    out.append(i == 0 ? "" : ", ").append(element(Array.get(value, i)));
                }
                return out.append(length > MAX_ELEMENTS ? ", …]" : "]").toString();
            }
            if (value instanceof Collection<?> collection) {
                StringBuilder out = new StringBuilder(typeName(value))
                        .append("(size=").append(collection.size()).append(") [");
                int i = 0;
                for (Object element : collection) {
                    if (i == MAX_ELEMENTS) {
                        out.append(", …");
                        break;
                    }
                    out.append(i++ == 0 ? "" : ", ").append(element(element));
                }
                return out.append(']').toString();
            }
            if (value instanceof Map<?, ?> map) {
                return typeName(value) + "(size=" + map.size() + ") " + cut(String.valueOf(map));
            }
            return cut(String.valueOf(value));
        } catch (Throwable e) {
            rethrowIfFatal(e);
            return value.getClass().getName() + " (toString() threw " + e.getClass().getSimpleName() + ")";
        }
    }

    /** {@code float[512][]}: the array's type with its length in the first dimension. */
    private static String arrayType(Object array, int length) {
        String component = array.getClass().getComponentType().getSimpleName();
        int dims = component.indexOf('[');
        return dims < 0 ? component + "[" + length + "]"
                : component.substring(0, dims) + "[" + length + "]" + component.substring(dims);
    }

    /** The class's simple name, or the interface a reader knows for hidden JDK classes ({@code List.of}'s ListN). */
    private static String typeName(Object value) {
        Class<?> type = value.getClass();
        if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass() && !type.isSynthetic()) {
            return type.getSimpleName();
        }
        if (value instanceof List<?>) {
            return "List";
        }
        if (value instanceof Set<?>) {
            return "Set";
        }
        if (value instanceof Queue<?>) {
            return "Queue";
        }
        return value instanceof Map<?, ?> ? "Map" : "Collection";
    }

    private static String element(Object element) {
        if (element != null && element.getClass().isArray()) {
            return arrayType(element, Array.getLength(element));
        }
        String text = element instanceof CharSequence s ? quote(s) : text(element);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Quoted, cut, and kept on one line: line breaks and tabs are escaped as in Java source. */
    private static String quote(CharSequence text) {
        if (text.length() <= MAX_VALUE_CHARS) {
            return "\"" + escape(text) + "\"";
        }
        return "\"" + escape(text.subSequence(0, MAX_VALUE_CHARS)) + "\"… (" + text.length() + " chars)";
    }

    private static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cut(String text) {
        return cut(text, MAX_VALUE_CHARS);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }

    /** {@code exit code 3}, {@code killed by signal 9 (SIGKILL)}, or why the code is not known. */
    static String describeExit(int exitCode) {
        if (exitCode < 0) {
            return "exit code unknown";
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = switch (signal) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 3 -> "SIGQUIT";
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 7 -> "SIGBUS";
                case 8 -> "SIGFPE";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 13 -> "SIGPIPE";
                case 15 -> "SIGTERM";
                default -> null;
            };
            return "killed by signal " + signal + (name == null ? "" : " (" + name + ")");
        }
        return "exit code " + exitCode;
    }
}
