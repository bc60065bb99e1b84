package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupQuotesAndDropsControlCharacters() {
        assertEquals(
                "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
                Html.esc("<script>alert(\"x\" & 'y')</script>"));
        assertEquals("ab\ttab", Html.esc("a\u0000b\ttab"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void anchorsAreLowercaseAlphanumericAndHyphens() {
        assertEquals("s-trust-rxx-ae-4hr-all-all", Html.anchor("s", "trust", "RXX", "ae_4hr_all", "all"));
        assertEquals("x---script-", Html.anchor("x", "\"<script>"));
    }
}
