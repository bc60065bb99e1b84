package uk.lhs.common.evaluation.meta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.text.CsvLine;

/**
 * Meta-analysis over a CSV file ({@code lhs meta-csv}). No file handling here: readers and writers in, one row out.
 *
 * <p>Input: a header line, then one row per site or study. The caller names the estimate and standard-error columns
 * (and optionally a label column, used in messages); names match case-insensitively and other columns are ignored.
 * Every row needs a finite estimate and a standard error &gt; 0; blank lines are skipped. Fields may be quoted with
 * double quotes; a field cannot span lines.
 *
 * <p>Output: a header, then exactly one row with {@link #OUTPUT_COLUMNS} ({@code method} is the estimator actually
 * used, I² in percent, missing numbers empty).
 */
public final class MetaCsv {
    /** Output columns, in order. */
    public static final List<String> OUTPUT_COLUMNS = List.of(
            "method",
            "k",
            "estimate",
            "se",
            "ci_lower",
            "ci_upper",
            "tau2",
            "i2",
            "q",
            "q_df",
            "q_p",
            "pi_lower",
            "pi_upper");

    private MetaCsv() {}

    /**
     * Which columns hold what.
     *
     * @param estimate the estimate column
     * @param se the standard-error column
     * @param label the label column, or null
     */
    public record Columns(String estimate, String se, String label) {}

    /**
     * The rows of an input CSV.
     *
     * @param labels one label per row (empty strings without a label column)
     * @param estimates the estimates
     * @param standardErrors their standard errors
     */
    public record Input(List<String> labels, double[] estimates, double[] standardErrors) {}

    /**
     * Reads, pools and writes.
     *
     * @param in the input CSV
     * @param source the file name for messages
     * @param columns the columns to read
     * @param options how to pool
     * @param out receives the header and one row ({@link #OUTPUT_COLUMNS})
     * @return the pooled result
     * @throws MetaCsvException if the input is malformed (the message names file, line and column)
     * @throws IOException if reading or writing fails
     */
    public static MetaResult run(Reader in, String source, Columns columns, MetaOptions options, Writer out)
            throws IOException {
        Input input = read(in, source, columns);
        MetaResult result = MetaAnalysis.pool(input.estimates(), input.standardErrors(), options);
        write(result, out);
        return result;
    }

    /**
     * Parses and validates an input CSV.
     *
     * @throws MetaCsvException naming the file, line and column of the first problem
     */
    public static Input read(Reader in, String source, Columns columns) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String headerLine = r.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new MetaCsvException(
                    source,
                    1,
                    0,
                    null,
                    null,
                    "the file is empty; expected a header naming the '" + columns.estimate() + "' and '" + columns.se()
                            + "' columns");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = split(headerLine, source, 1, 0, null);
        int est = column(header, columns.estimate(), source, "--estimate");
        int se = column(header, columns.se(), source, "--se");
        int label = columns.label() == null ? -1 : column(header, columns.label(), source, "--label");
        if (est == se) {
            throw new MetaCsvException(
                    source, 1, 0, null, header.get(est), "is named as both the estimate and the standard error");
        }
        List<String> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        int row = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            row++;
            List<String> cells = split(line, source, lineNo, row, null);
            String name = label >= 0 && label < cells.size() ? cells.get(label).trim() : "";
            if (cells.size() != header.size()) {
                throw new MetaCsvException(
                        source,
                        lineNo,
                        row,
                        name,
                        null,
                        "has " + cells.size() + " fields but the header has " + header.size());
            }
            double y = number(cells.get(est), source, lineNo, row, name, header.get(est), "an estimate");
            double s = number(cells.get(se), source, lineNo, row, name, header.get(se), "a standard error");
            if (!(s > 0)) {
                throw new MetaCsvException(
                        source,
                        lineNo,
                        row,
                        name,
                        header.get(se),
                        "the standard error is " + cells.get(se).trim() + "; it must be greater than 0");
            }
            labels.add(name);
            rows.add(new double[] {y, s});
        }
        if (rows.isEmpty()) {
            throw new MetaCsvException(
                    source, lineNo, 0, null, null, "no data rows; a meta-analysis needs at least one estimate");
        }
        return new Input(
                List.copyOf(labels),
                rows.stream().mapToDouble(x -> x[0]).toArray(),
                rows.stream().mapToDouble(x -> x[1]).toArray());
    }

    /** Writes the header and the result's row ({@link #OUTPUT_COLUMNS}). */
    public static void write(MetaResult m, Writer out) throws IOException {
        out.write(String.join(",", OUTPUT_COLUMNS));
        out.write('\n');
        out.write(String.join(
                ",",
                m.method().code(),
                Integer.toString(m.k()),
                number(m.estimate()),
                number(m.se()),
                number(m.ciLower()),
                number(m.ciUpper()),
                number(m.tau2()),
                number(m.i2()),
                number(m.q()),
                Integer.toString(m.qDf()),
                number(m.qP()),
                number(m.piLower()),
                number(m.piUpper())));
        out.write('\n');
        out.flush();
    }

    private static int column(List<String> header, String wanted, String source, String option) {
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(wanted.trim())) {
                if (found >= 0) {
                    throw new MetaCsvException(source, 1, 0, null, wanted, "the column appears twice in the header");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new MetaCsvException(
                    source,
                    1,
                    0,
                    null,
                    wanted,
                    "no such column (named by " + option + "); the header has " + String.join(", ", header));
        }
        return found;
    }

    private static double number(
            String cell, String source, int line, int row, String label, String column, String what) {
        String v = cell.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("NA")) {
            throw new MetaCsvException(
                    source,
                    line,
                    row,
                    label,
                    column,
                    "is empty; every row needs " + what + " (delete the row to leave that site out)");
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new MetaCsvException(source, line, row, label, column, "'" + v + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new MetaCsvException(source, line, row, label, column, "'" + v + "' is not a finite number");
        }
        return d;
    }

    /** Empty for NaN; the shortest round-trip form otherwise. */
    static String number(double d) {
        return Double.isNaN(d) ? "" : Double.toString(d);
    }

    private static List<String> split(String line, String source, int lineNo, int row, String label) {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new MetaCsvException(source, lineNo, row, label, null, e.getMessage());
        }
    }
}
