package io.mpire4j;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/** Formats failures so that one log entry is enough to see what failed, where, and on what input. */
final class ErrorReport {
    static final int MAX_VALUE_CHARS = 120;
    static final int MAX_ELEMENTS = 8;

    private ErrorReport() {}

    static String indexSuffix(long taskIndex) {
        return taskIndex < 0 ? "" : " (task index " + taskIndex + ")";
    }

    static String taskMessage(String headline, TaskFailure failure, Throwable cause) {
        StringBuilder out = new StringBuilder(headline);
        Object[] args = failure.arguments();
        for (int i = 0; i < args.length; i++) {
            String name = i < failure.parameterNames().size() ? failure.parameterNames().get(i) : "arg" + i;
            out.append(System.lineSeparator()).append("    ").append(name).append(" = ").append(describe(args[i]));
        }
        if (cause != null) {
            out.append(System.lineSeparator()).append("  cause: ").append(cause);
        }
        return out.toString();
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
                StringBuilder out = new StringBuilder(value.getClass().getComponentType().getSimpleName())
                        .append('[').append(length).append("] [");
                for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
                    out.append(i == 0 ? "" : ", ").append(element(Array.get(value, i)));
                }
                return out.append(length > MAX_ELEMENTS ? ", …]" : "]").toString();
            }
            if (value instanceof Collection<?> collection) {
                StringBuilder out = new StringBuilder(value.getClass().getSimpleName())
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
                return value.getClass().getSimpleName() + "(size=" + map.size() + ") " + cut(String.valueOf(map));
            }
            return cut(String.valueOf(value));
        } catch (RuntimeException | StackOverflowError e) {
            return value.getClass().getName() + " (toString() threw " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String element(Object element) {
        String text = element instanceof CharSequence s ? quote(s) : String.valueOf(element);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String quote(CharSequence text) {
        if (text.length() <= MAX_VALUE_CHARS) {
            return "\"" + text + "\"";
        }
        return "\"" + text.subSequence(0, MAX_VALUE_CHARS) + "\"… (" + text.length() + " chars)";
    }

    private static String cut(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text
                : text.substring(0, MAX_VALUE_CHARS) + "… (" + text.length() + " chars)";
    }
}
