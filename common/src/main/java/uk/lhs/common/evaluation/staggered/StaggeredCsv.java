package uk.lhs.common.evaluation.staggered;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.lhs.common.text.CsvLine;

/**
 * Staggered difference-in-differences over a long CSV ({@code lhs did-csv}). No file handling here: readers and
 * writers in, rows out.
 *
 * <p>Input: a header line, then one row per unit and period; the caller names the unit, time, outcome and
 * first-treated columns (exact name, else case-insensitive); other columns are ignored. Time is an integer period
 * (e.g. a year), or a month written {@code yyyymm} or {@code yyyy-MM}, the same way on every row. Months are mapped
 * to consecutive period indices and back; integer periods keep their spacing. First treated is written like time;
 * empty, {@code 0} or {@code NA} means never treated. An empty or {@code NA} outcome is missing (the unit is then
 * left out: the estimator needs a balanced panel). Fields may be quoted; a field cannot span lines.
 *
 * <p>Output: {@link #OUTPUT_COLUMNS}, one row per {@link StaggeredRow} with group and time in the input's format and
 * event time in periods (months for monthly data); missing values empty. {@code ci_lower}/{@code ci_upper} are the
 * simultaneous 95% band on the rows of an aggregation (as R {@code did} reports with {@code cband = TRUE}) and the
 * pointwise 95% interval on its overall value (group, time and event time empty).
 */
public final class StaggeredCsv {
    /** Output columns, in order. */
    public static final List<String> OUTPUT_COLUMNS =
            List.of("aggregation", "group", "time", "event_time", "estimate", "se", "ci_lower", "ci_upper");

    private static final Pattern DASHED_MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern COMPACT_MONTH = Pattern.compile("(\\d{4})(\\d{2})");
    private static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d{1,9}");

    private StaggeredCsv() {}

    /**
     * The names of the four input columns.
     *
     * @param unit unit identifier column
     * @param time period column
     * @param outcome outcome column
     * @param firstTreated first treated period column
     */
    public record Columns(String unit, String time, String outcome, String firstTreated) {}

    /** How the input writes time; maps between it and period indices ≥ 1. */
    public enum TimeFormat {
        /** Integer periods, e.g. years. */
        INTEGER,
        /** Months as yyyymm, e.g. 202404. */
        YYYYMM,
        /** Months as yyyy-MM, e.g. 2024-04. */
        YYYY_MM;

        /** A month as year·12 + month − 1, or the integer itself; null when the text is not in this format. */
        Integer parse(String text) {
            Matcher m = (this == YYYY_MM ? DASHED_MONTH : this == YYYYMM ? COMPACT_MONTH : INTEGER_TEXT).matcher(text);
            if (!m.matches()) {
                return null;
            }
            if (this == INTEGER) {
                return Integer.parseInt(text);
            }
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                return null;
            }
            return Integer.parseInt(m.group(1)) * 12 + month - 1;
        }

        String format(int value) {
            return switch (this) {
                case INTEGER -> Integer.toString(value);
                case YYYYMM -> String.format(Locale.ROOT, "%04d%02d", value / 12, value % 12 + 1);
                case YYYY_MM -> String.format(Locale.ROOT, "%04d-%02d", value / 12, value % 12 + 1);
            };
        }

        String example() {
            return switch (this) {
                case INTEGER -> "an integer period such as 2021";
                case YYYYMM -> "a month yyyymm such as 202404";
                case YYYY_MM -> "a month yyyy-MM such as 2024-04";
            };
        }
    }

    /**
     * A panel read from a CSV with the mapping of its time values to period indices.
     *
     * @param panel the panel on period indices
     * @param format how the input writes time
     * @param origin the time value (parsed) of period index 1
     * @param rows data rows read
     */
    public record Input(StaggeredPanel panel, TimeFormat format, int origin, int rows) {
        /** The input's text for a period index. */
        public String time(int index) {
            return format.format(origin + index - 1);
        }
    }

    /**
     * Reads, estimates and writes.
     *
     * @param in the input CSV
     * @param file the input's name for messages
     * @param columns the input column names
     * @param options estimator options
     * @param out receives {@link #OUTPUT_COLUMNS}
     * @return the result (period indices; see {@link #read} for the mapping)
     * @throws StaggeredCsvException naming file, line and column of the first problem in the input
     * @throws IOException if reading or writing fails
     */
    public static StaggeredResult run(Reader in, String file, Columns columns, StaggeredOptions options, Writer out)
            throws IOException {
        Input input = read(in, file, columns);
        StaggeredResult result = StaggeredDid.estimate(input.panel(), options);
        write(result, input, out);
        return result;
    }

    private record Raw(int line, String unit, String time, double y, String firstTreated) {}

    /**
     * Parses and validates a panel CSV.
     *
     * @throws StaggeredCsvException naming file, line and column of the first problem
     */
    public static Input read(Reader in, String file, Columns columns) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String headerLine = r.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new StaggeredCsvException(
                    file,
                    1,
                    null,
                    "the file is empty; expected a header naming the unit, time, outcome and"
                            + " first-treated columns");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = split(file, headerLine, 1);
        int unitCol = column(file, header, columns.unit(), "--unit");
        int timeCol = column(file, header, columns.time(), "--time");
        int yCol = column(file, header, columns.outcome(), "--outcome");
        int gCol = column(file, header, columns.firstTreated(), "--first-treated");
        String timeName = header.get(timeCol);
        String gName = header.get(gCol);
        List<Raw> raws = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(file, line, lineNo);
            if (cells.size() != header.size()) {
                throw new StaggeredCsvException(
                        file, lineNo, null, "has " + cells.size() + " fields but the header has " + header.size());
            }
            String unit = cells.get(unitCol).trim();
            if (unit.isEmpty()) {
                throw new StaggeredCsvException(file, lineNo, header.get(unitCol), "is empty; every row needs a unit");
            }
            String time = cells.get(timeCol).trim();
            if (time.isEmpty()) {
                throw new StaggeredCsvException(file, lineNo, timeName, "is empty; every row needs a period");
            }
            raws.add(new Raw(
                    lineNo,
                    unit,
                    time,
                    outcome(file, cells.get(yCol), lineNo, header.get(yCol)),
                    cells.get(gCol).trim()));
        }
        if (raws.isEmpty()) {
            throw new StaggeredCsvException(file, 1, null, "the file has a header but no rows");
        }
        TimeFormat format = detect(file, raws, timeName);
        int[] times = new int[raws.size()];
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < raws.size(); i++) {
            times[i] = format.parse(raws.get(i).time());
            min = Math.min(min, times[i]);
        }
        StaggeredPanel.Builder panel = StaggeredPanel.builder();
        Map<String, Raw> firstRow = new HashMap<>();
        Map<String, Integer> firstTreated = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < raws.size(); i++) {
            Raw x = raws.get(i);
            int g = firstTreated(file, x, format, gName);
            Raw before = firstRow.putIfAbsent(x.unit(), x);
            if (before != null && firstTreated.get(x.unit()) != g) {
                throw new StaggeredCsvException(
                        file,
                        x.line(),
                        gName,
                        "'" + x.firstTreated() + "' differs from '" + before.firstTreated() + "' on line "
                                + before.line() + " for unit '" + x.unit() + "'; a unit has one first treated period");
            }
            firstTreated.put(x.unit(), g);
            Integer dup = seen.put(x.unit() + "\u0000" + times[i], x.line());
            if (dup != null) {
                throw new StaggeredCsvException(
                        file,
                        x.line(),
                        timeName,
                        "unit '" + x.unit() + "' has period " + x.time() + " twice (lines " + dup + " and " + x.line()
                                + "); give one row per unit and period");
            }
            // treated at or before the first period: index 1 (the estimator drops such units, as R did)
            int gIndex = g == 0 ? 0 : Math.max(1, g - min + 1);
            panel.add(x.unit(), times[i] - min + 1, x.y(), gIndex);
        }
        return new Input(panel.build(), format, min, raws.size());
    }

    /** Writes one row per estimate ({@link #OUTPUT_COLUMNS}), group and time in the input's format. */
    public static void write(StaggeredResult result, Input input, Writer out) throws IOException {
        out.write(String.join(",", OUTPUT_COLUMNS));
        out.write('\n');
        for (StaggeredRow row : result.rows()) {
            boolean overall = row.isOverall();
            out.write(String.join(
                    ",",
                    row.aggregation(),
                    row.group() == null ? "" : input.time(row.group()),
                    row.time() == null ? "" : input.time(row.time()),
                    row.eventTime() == null ? "" : Integer.toString(row.eventTime()),
                    number(row.estimate()),
                    number(row.se()),
                    number(overall ? row.ciLower() : row.bandLower()),
                    number(overall ? row.ciUpper() : row.bandUpper())));
            out.write('\n');
        }
        out.flush();
    }

    /** The format of every time value: yyyy-MM, else yyyymm when all are six digits with a month, else integers. */
    private static TimeFormat detect(String file, List<Raw> raws, String column) {
        for (TimeFormat f : List.of(TimeFormat.YYYY_MM, TimeFormat.YYYYMM, TimeFormat.INTEGER)) {
            if (raws.stream().allMatch(x -> f.parse(x.time()) != null)) {
                return f;
            }
        }
        // name the first row that disagrees with the first row's format (or the first row itself)
        TimeFormat expected = null;
        for (TimeFormat f : List.of(TimeFormat.YYYY_MM, TimeFormat.YYYYMM, TimeFormat.INTEGER)) {
            if (f.parse(raws.get(0).time()) != null) {
                expected = f;
                break;
            }
        }
        for (Raw x : raws) {
            if (expected == null || expected.parse(x.time()) == null) {
                throw new StaggeredCsvException(
                        file,
                        x.line(),
                        column,
                        "'" + x.time() + "' is not "
                                + (expected == null
                                        ? "a period; write an integer period (e.g. 2021) or a month as yyyymm or"
                                                + " yyyy-MM"
                                        : expected.example() + " like line "
                                                + raws.get(0).line()));
            }
        }
        throw new IllegalStateException("unreachable: no row disagrees");
    }

    private static int firstTreated(String file, Raw x, TimeFormat format, String column) {
        String v = x.firstTreated();
        if (v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("NA")) {
            return 0;
        }
        Integer g = format.parse(v);
        if (g == null || g <= 0) {
            throw new StaggeredCsvException(
                    file,
                    x.line(),
                    column,
                    "'" + v + "' is not " + format.example()
                            + " (the time column's format); leave it empty or 0 for never treated");
        }
        return g;
    }

    private static double outcome(String file, String cell, int line, String column) {
        String v = cell.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("NA")) {
            return Double.NaN;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new StaggeredCsvException(
                    file, line, column, "'" + v + "' is not a number; leave it empty (or NA) if missing");
        }
        if (!Double.isFinite(d)) {
            throw new StaggeredCsvException(
                    file, line, column, "'" + v + "' is not a finite number; leave it empty if missing");
        }
        return d;
    }

    private static int column(String file, List<String> header, String name, String option) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new StaggeredCsvException(
                file, 1, name, "no such column (named by " + option + "); the header has " + header);
    }

    /** Empty for NaN; otherwise Java's shortest round-trip form. */
    static String number(double d) {
        return Double.isNaN(d) ? "" : Double.toString(d);
    }

    private static List<String> split(String file, String line, int lineNo) {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new StaggeredCsvException(file, lineNo, null, e.getMessage());
        }
    }
}
