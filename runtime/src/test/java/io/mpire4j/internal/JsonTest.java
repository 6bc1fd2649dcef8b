package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The dashboard's JSON: escaping that keeps user text inert, commas in the right places. */
class JsonTest {

    private static String string(String text) {
        StringBuilder out = new StringBuilder();
        Json.string(out, text);
        return out.toString();
    }

    @Test
    void userTextIsEscapedSoThatItCannotBreakOutOfJsonOrHtml() {
        assertEquals("\"\\u003cimg src=x onerror=alert(1)\\u003e\"", string("<img src=x onerror=alert(1)>"));
        assertEquals("\"\\u003c/script\\u003e \\u0026amp;\"", string("</script> &amp;"));
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001f\"", string("a\"b\\c\nd\re\tf\bg\fh\u0000i\u001f"));
        assertEquals("\"\\u2028\\u2029\"", string("\u2028\u2029"));
        assertEquals("\"\uD83D\uDE00\"", string("\uD83D\uDE00"), "a well-formed pair stays as it is");
        assertEquals("\"\\ud83d x \\ude00\"", string("\uD83D x \uDE00"), "lone surrogates are escaped");
    }

    @Test
    void objectsAndArraysGetTheirCommas() {
        String json = new Json().beginObject().name("a").value(1).name("b").beginArray().value("x").value(true)
                .nullValue().beginObject().endObject().endArray().name("c").value(0.12345).name("d")
                .value(Double.NaN).endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":0.123,\"d\":null}", json);
    }
}
