package uk.lhs.common.spc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.text.CsvLine;

/** Reads a CSV written by R's {@code write.csv} (quoted strings, {@code NA}) into rows keyed by column name. */
final class RTable {
    private final List<Map<String, String>> rows;

    private RTable(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    static RTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = CsvLine.split(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = CsvLine.split(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return new RTable(rows);
    }

    List<Map<String, String>> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    String str(int row, String col) {
        String v = rows.get(row).get(col);
        if (v == null) {
            throw new IllegalArgumentException("no column " + col);
        }
        return v;
    }

    /** The number, or NaN for {@code NA}. */
    double num(int row, String col) {
        String v = str(row, col);
        return "NA".equals(v) ? Double.NaN : Double.parseDouble(v);
    }

    boolean bool(int row, String col) {
        return Boolean.parseBoolean(str(row, col));
    }

    double[] column(String col) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(i, col);
        }
        return out;
    }
}
