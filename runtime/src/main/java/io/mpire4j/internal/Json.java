package io.mpire4j.internal;

/**
 * A minimal JSON writer for the dashboard: objects, arrays, strings, numbers, booleans and null,
 * appended to one {@link StringBuilder}. Commas are placed by the writer. Strings are escaped per
 * RFC 8259, and {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are written as {@code \}{@code u}
 * escapes too, so the text stays inert wherever it is pasted. Not thread-safe: one writer per
 * document.
 */
final class Json {
    private final StringBuilder out = new StringBuilder(256);
    /** Whether the next value in the current container needs a comma before it. */
    private boolean comma;

    Json beginObject() {
        separate();
        out.append('{');
        comma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        comma = true;
        return this;
    }

    Json beginArray() {
        separate();
        out.append('[');
        comma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        comma = true;
        return this;
    }

    /** Writes a member's name; the next call writes its value. */
    Json name(String name) {
        separate();
        string(out, name);
        out.append(':');
        comma = false;
        return this;
    }

    Json value(String text) {
        separate();
        if (text == null) {
            out.append("null");
        } else {
            string(out, text);
        }
        comma = true;
        return this;
    }

    Json value(long number) {
        separate();
        out.append(number);
        comma = true;
        return this;
    }

    /** A finite number, rounded to 3 decimals; {@code null} when not finite. */
    Json value(double number) {
        separate();
        if (Double.isFinite(number)) {
            out.append(Math.round(number * 1000) / 1000.0);
        } else {
            out.append("null");
        }
        comma = true;
        return this;
    }

    Json value(boolean flag) {
        separate();
        out.append(flag);
        comma = true;
        return this;
    }

    Json nullValue() {
        separate();
        out.append("null");
        comma = true;
        return this;
    }

    /** Inserts already written JSON as one value. */
    Json raw(String json) {
        separate();
        out.append(json);
        comma = true;
        return this;
    }

    private void separate() {
        if (comma) {
            out.append(',');
            comma = false;
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Appends {@code text} as a quoted, escaped JSON string. */
    static void string(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !pairedSurrogate(text, i)) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair (a lone one is escaped). */
    private static boolean pairedSurrogate(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
