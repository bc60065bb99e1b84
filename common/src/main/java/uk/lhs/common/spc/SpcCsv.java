package uk.lhs.common.spc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.vocab.ChartType;

/**
 * The SPC engine over CSV files ({@code lhs spc-csv}). No file handling here: readers and writers in, rows out.
 *
 * <p>Input: a header line, then one row per point. Columns (any order, names case-insensitive): {@code date}
 * (YYYY-MM-DD, required), {@code value} (required; empty or {@code NA} = missing), {@code denominator} (optional; with
 * it, {@code value} is the numerator), {@code series} (optional; rows are grouped by it, in order of first
 * appearance), {@code target} (optional; the series' last non-empty target is used unless the options set one).
 * Rows of a series may come in any order; they are sorted by date, and a repeated date is an error. Fields may be
 * quoted with double quotes ({@code ""} inside quotes is a quote); a field cannot span lines.
 *
 * <p>Output: {@link #OUTPUT_COLUMNS}, one row per point; missing numbers are empty. Summary: {@link #SUMMARY_COLUMNS},
 * one row per series, warnings joined with "; ".
 */
public final class SpcCsv {
    /** Input column: the point's date. */
    public static final String DATE = "date";
    /** Input column: the value (the numerator when there is a denominator). */
    public static final String VALUE = "value";
    /** Input column: the denominator. */
    public static final String DENOMINATOR = "denominator";
    /** Input column: the series name. */
    public static final String SERIES = "series";
    /** Input column: the target. */
    public static final String TARGET = "target";

    private static final List<String> INPUT_COLUMNS = List.of(DATE, VALUE, DENOMINATOR, SERIES, TARGET);

    /** Output columns, in order. */
    public static final List<String> OUTPUT_COLUMNS = List.of(
            "series",
            "date",
            "value",
            "centre",
            "lower_limit",
            "upper_limit",
            "lower_near",
            "upper_near",
            "outside_limits",
            "trend",
            "two_of_three",
            "shift",
            "point_type",
            "phase");
    /** Summary columns, in order. */
    public static final List<String> SUMMARY_COLUMNS =
            List.of("series", "variation_icon", "assurance_icon", "points", "warning");

    private SpcCsv() {}

    /**
     * One series read from a CSV, with its target.
     *
     * @param series the points, sorted by date
     * @param target the last non-empty {@code target} of the series, or null
     */
    public record CsvSeries(SpcSeries series, Double target) implements Serializable {}

    /**
     * Reads, charts and writes every series.
     *
     * @param in the input CSV
     * @param out receives one row per point ({@link #OUTPUT_COLUMNS})
     * @param summaryOrNull receives one row per series ({@link #SUMMARY_COLUMNS}), or null for no summary
     * @param options the chart options; a non-null {@code target} overrides the {@code target} column
     * @return the results, in series order
     * @throws SpcCsvException if the input is malformed (the message names the line and column)
     * @throws IOException if reading or writing fails
     */
    public static List<SpcResult> run(Reader in, Writer out, Writer summaryOrNull, SpcOptions options)
            throws IOException {
        List<CsvSeries> input = read(in, options.chart());
        List<SpcResult> results = new ArrayList<>();
        for (CsvSeries s : input) {
            SpcOptions o = options.target() == null && s.target() != null
                    ? options.toBuilder().target(s.target()).build()
                    : options;
            results.add(SpcEngine.compute(s.series(), o));
        }
        write(results, out);
        if (summaryOrNull != null) {
            writeSummary(results, summaryOrNull);
        }
        return results;
    }

    /**
     * Parses and validates an input CSV.
     *
     * @param in the CSV text
     * @param chart the chart to be drawn (P/U families need a denominator column; C charts must not have one)
     * @return the series in order of first appearance
     * @throws SpcCsvException naming the line and column of the first problem
     */
    public static List<CsvSeries> read(Reader in, ChartType chart) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String headerLine = r.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new SpcCsvException(1, null, "the file is empty; expected a header such as 'date,value'");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = split(headerLine, 1);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (!INPUT_COLUMNS.contains(name)) {
                throw new SpcCsvException(
                        1, header.get(i), "unknown column; the accepted columns are " + INPUT_COLUMNS);
            }
            if (col.put(name, i) != null) {
                throw new SpcCsvException(1, name, "the column appears twice");
            }
        }
        for (String required : List.of(DATE, VALUE)) {
            if (!col.containsKey(required)) {
                throw new SpcCsvException(
                        1, required, "required column is missing; the header must name 'date' and 'value'");
            }
        }
        if (chart.needsDenominator() && !col.containsKey(DENOMINATOR)) {
            throw new SpcCsvException(
                    1,
                    DENOMINATOR,
                    "a " + chart.code() + " chart needs a denominator column (value is" + " then the numerator)");
        }
        if (chart == ChartType.C && col.containsKey(DENOMINATOR)) {
            throw new SpcCsvException(
                    1, DENOMINATOR, "a c chart charts plain counts; drop the denominator column or use" + " --chart u");
        }
        Map<String, List<Row>> bySeries = new LinkedHashMap<>();
        Map<String, Double> targets = new HashMap<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, lineNo);
            if (cells.size() != header.size()) {
                throw new SpcCsvException(
                        lineNo, null, "has " + cells.size() + " fields but the header has " + header.size());
            }
            String series = col.containsKey(SERIES) ? cells.get(col.get(SERIES)).trim() : "";
            LocalDate date = parseDate(cells.get(col.get(DATE)), lineNo);
            double value = parseNumber(cells.get(col.get(VALUE)), lineNo, VALUE);
            double den = Double.NaN;
            if (col.containsKey(DENOMINATOR)) {
                den = parseNumber(cells.get(col.get(DENOMINATOR)), lineNo, DENOMINATOR);
                if (den < 0) {
                    throw new SpcCsvException(
                            lineNo, DENOMINATOR, "is negative (" + den + "); a denominator must be >= 0");
                }
            }
            boolean counts = chart.needsDenominator() || chart == ChartType.C;
            if (counts && value < 0) {
                throw new SpcCsvException(
                        lineNo, VALUE, "is negative (" + value + "); a " + chart.code() + " chart needs a count >= 0");
            }
            if ((chart == ChartType.P || chart == ChartType.P_PRIME) && den > 0 && value > den) {
                throw new SpcCsvException(
                        lineNo,
                        VALUE,
                        value + " is more than its denominator " + den + "; a " + chart.code()
                                + " chart needs a count of the denominator's units (use u for rates)");
            }
            if (chart == ChartType.T && value < 0) {
                throw new SpcCsvException(lineNo, VALUE, "is negative (" + value + "); a t chart needs times >= 0");
            }
            if (col.containsKey(TARGET)) {
                double t = parseNumber(cells.get(col.get(TARGET)), lineNo, TARGET);
                if (!Double.isNaN(t)) {
                    targets.put(series, t);
                }
            }
            bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(new Row(lineNo, date, value, den));
        }
        List<CsvSeries> out = new ArrayList<>();
        boolean hasDen = col.containsKey(DENOMINATOR);
        for (Map.Entry<String, List<Row>> e : bySeries.entrySet()) {
            List<Row> rows = e.getValue();
            rows.sort(Comparator.comparing(Row::date));
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).date().equals(rows.get(i - 1).date())) {
                    Row a = rows.get(i - 1);
                    Row b = rows.get(i);
                    int first = Math.min(a.line(), b.line());
                    int second = Math.max(a.line(), b.line());
                    throw new SpcCsvException(
                            second,
                            DATE,
                            "date " + b.date() + " appears twice in series '" + e.getKey() + "' (lines " + first
                                    + " and " + second + "); give each point its own date or its own series");
                }
            }
            LocalDate[] dates = rows.stream().map(Row::date).toArray(LocalDate[]::new);
            double[] values = rows.stream().mapToDouble(Row::value).toArray();
            double[] dens = hasDen ? rows.stream().mapToDouble(Row::denominator).toArray() : null;
            out.add(new CsvSeries(new SpcSeries(e.getKey(), dates, values, dens), targets.get(e.getKey())));
        }
        return out;
    }

    /** Writes one row per point of every result ({@link #OUTPUT_COLUMNS}). */
    public static void write(List<SpcResult> results, Writer out) throws IOException {
        out.write(String.join(",", OUTPUT_COLUMNS));
        out.write('\n');
        for (SpcResult r : results) {
            String id = r.summary().seriesId();
            for (SpcPoint p : r.points()) {
                out.write(String.join(
                        ",",
                        CsvLine.quote(id),
                        p.date().toString(),
                        number(p.value()),
                        number(p.centre()),
                        number(p.lowerLimit()),
                        number(p.upperLimit()),
                        number(p.lowerNear()),
                        number(p.upperNear()),
                        Boolean.toString(p.outsideLimits()),
                        Boolean.toString(p.trend()),
                        Boolean.toString(p.twoOfThree()),
                        Boolean.toString(p.shift()),
                        p.pointType().code(),
                        Integer.toString(p.phase())));
                out.write('\n');
            }
        }
        out.flush();
    }

    /** Writes one summary row per result ({@link #SUMMARY_COLUMNS}). */
    public static void writeSummary(List<SpcResult> results, Writer out) throws IOException {
        out.write(String.join(",", SUMMARY_COLUMNS));
        out.write('\n');
        for (SpcResult r : results) {
            SpcSummary s = r.summary();
            out.write(String.join(
                    ",",
                    CsvLine.quote(s.seriesId()),
                    s.variationIcon().code(),
                    s.assuranceIcon().code(),
                    Integer.toString(s.points()),
                    CsvLine.quote(String.join("; ", s.warnings()))));
            out.write('\n');
        }
        out.flush();
    }

    private record Row(int line, LocalDate date, double value, double denominator) {}

    private static LocalDate parseDate(String cell, int line) {
        String v = cell.trim();
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new SpcCsvException(line, DATE, "'" + v + "' is not a date; use YYYY-MM-DD, e.g. 2024-04-01");
        }
    }

    /** A finite number, or NaN for an empty cell or NA. */
    private static double parseNumber(String cell, int line, String column) {
        String v = cell.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("NA")) {
            return Double.NaN;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new SpcCsvException(line, column, "'" + v + "' is not a number; leave it empty (or NA) if missing");
        }
        if (!Double.isFinite(d)) {
            throw new SpcCsvException(line, column, "'" + v + "' is not a finite number; leave it empty if missing");
        }
        return d;
    }

    /** Empty for NaN; whole numbers without a decimal point; otherwise the shortest round-trip form. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static List<String> split(String line, int lineNo) {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new SpcCsvException(lineNo, null, e.getMessage());
        }
    }
}
