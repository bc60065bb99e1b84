package uk.lhs.common.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.text.CsvLine;

/**
 * A small RFC 4180 CSV reader for test fixtures: strips a UTF-8 BOM, honours quotes (with doubled quotes and
 * embedded newlines; fields are split by {@link CsvLine}) and reads NHS-style numbers ("3,035", "-" for none, "NA"
 * for missing).
 */
final class Csv {
    private final List<String> header;
    private final List<List<String>> rows;

    private Csv(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    static Csv read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = parse(text);
        return new Csv(records.get(0), records.subList(1, records.size()));
    }

    /**
     * The records of the text, each split by {@link CsvLine}: a line break ends a record only outside quotes (an even
     * number of quote characters so far), so a quoted field may span lines; CRLF, LF and a lone CR all end a record.
     */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                records.add(CsvLine.split(text.substring(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            records.add(CsvLine.split(text.substring(start)));
        }
        return records;
    }

    List<String> header() {
        return header;
    }

    int size() {
        return rows.size();
    }

    /** Column index by header name, ignoring surrounding whitespace (one header has an embedded newline). */
    int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + header);
    }

    String text(int row, String column) {
        return rows.get(row).get(column(column));
    }

    String text(int row, int column) {
        return rows.get(row).get(column);
    }

    /** A number: thousands separators removed; "NA" or "" is NaN; "-" (NHS "none") is 0. */
    double number(int row, String column) {
        return number(text(row, column));
    }

    double number(int row, int column) {
        return number(text(row, column));
    }

    static double number(String raw) {
        String s = raw.strip().replace(",", "");
        if (s.isEmpty() || s.equals("NA")) {
            return Double.NaN;
        }
        if (s.equals("-")) {
            return 0.0;
        }
        return Double.parseDouble(s);
    }

    /** Decimal places printed in a numeric field (used to compare against rounded reference values). */
    static int decimals(String raw) {
        String s = raw.strip();
        int e = s.indexOf('e') >= 0 ? s.indexOf('e') : s.indexOf('E');
        String mantissa = e >= 0 ? s.substring(0, e) : s;
        int dot = mantissa.indexOf('.');
        int places = dot < 0 ? 0 : mantissa.length() - dot - 1;
        return e >= 0 ? places - Integer.parseInt(s.substring(e + 1)) : places;
    }

    /** The rows as maps, for readable tests on small files. */
    List<Map<String, String>> maps() {
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i).strip(), i < r.size() ? r.get(i) : "");
            }
            out.add(m);
        }
        return out;
    }
}
