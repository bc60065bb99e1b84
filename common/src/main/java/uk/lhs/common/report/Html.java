package uk.lhs.common.report;

/** HTML escaping: every text and attribute value from data passes through here before it reaches a page. */
public final class Html {
    private Html() {}

    /**
     * Escapes text for an HTML element body or a double-quoted attribute value (also valid in inline SVG/XML).
     *
     * @param text any text; null gives the empty string
     * @return the text with {@code & < > " '} replaced by character references
     */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters other than tab/newline are not allowed in HTML text: drop them.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * A fragment identifier made only of {@code [a-z0-9-]}, so it is safe in {@code id} and {@code href="#..."}.
     *
     * @param parts the parts, joined with hyphens
     * @return e.g. {@code s-trust-rxx-ae-4hr-all-all}
     */
    public static String anchor(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            String s = p == null ? "" : p.toLowerCase(java.util.Locale.ROOT);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
            }
        }
        return sb.toString();
    }
}
