package uk.lhs.common.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV line split into fields with RFC 4180 quoting within the line (embedded commas, doubled quotes), and the
 * inverse. Files whose quoted fields span lines are tokenised whole by {@code uk.lhs.common.sources.RawCsv}.
 */
public final class CsvLine {
    private CsvLine() {}

    /**
     * The fields of one line.
     *
     * @throws IllegalArgumentException when a quoted field is not closed on the line
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed; fields cannot span lines");
        }
        out.add(cur.toString());
        return out;
    }

    /** A field as written to CSV: quoted (quotes doubled) when it holds a comma, quote or line break. */
    public static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    /** Fields joined into one CSV line, each {@link #quote quoted} as needed. */
    public static String join(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        return sb.toString();
    }
}
