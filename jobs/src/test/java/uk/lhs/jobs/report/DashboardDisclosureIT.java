package uk.lhs.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.SeriesKey;
import uk.lhs.common.report.ValueFormat;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The dashboard of every system of the demo lakehouse shows no exact small cell. The small cells are known from the
 * exact {@code gold.indicator_values} (read here, never by the report): every row with a count from 1 to 7 (numerator,
 * or a denominator that counts patients). Where such a cell's series is on a page, its month's row must show
 * "suppressed" and a dash for the numerator, denominator, value and interval, the exact row ("Mar 2025", then its exact
 * numerator and denominator) must not be in the series' section, and its SPC chart must have no point for that month.
 * Every numerator printed in any data table is a multiple of 5 (or 0), as is every denominator that counts patients
 * (all but the expected counts of ratios).
 */
class DashboardDisclosureIT {
    private static final Pattern CELL = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>");

    @Test
    void noExactSmallCellAppearsOnAnyPage() throws IOException {
        JobContext ctx = DemoLakehouse.get().context();
        ReportReader reader = new ReportReader(ctx.lakehouse());
        for (String table : reader.versions().keySet()) {
            TableContract t = Tables.byQualifiedName(table).orElseThrow();
            assertTrue(
                    t.release().leavesLakehouse() || ReportReader.PROJECTED.contains(t), table + " is " + t.release());
        }
        assertTrue(reader.versions().containsKey(IndicatorTables.INDICATOR_VALUES_PUBLISHED.qualifiedName()));
        assertFalse(reader.versions().containsKey(IndicatorTables.INDICATOR_VALUES.qualifiedName()));

        Path out = SharedData.repoRoot().resolve("jobs/target/dashboard-disclosure");
        List<ReportWriter.Written> written = ReportWriter.write(reader, out, null, Clock.systemUTC());
        assertFalse(written.isEmpty());
        Map<String, String> pages = new HashMap<>();
        for (ReportWriter.Written w : written) {
            pages.put(w.systemCode(), Files.readString(w.file(), StandardCharsets.UTF_8));
        }
        Map<String, String> systemOf = new HashMap<>();
        for (ReportReader.SystemInfo s : reader.systems()) {
            systemOf.put("system|" + s.code(), s.code());
            for (String trust : s.trusts()) {
                systemOf.put("trust|" + trust, s.code());
            }
        }

        // The known small cells, from the exact table.
        List<Row> small = ctx.lakehouse()
                .read(IndicatorTables.INDICATOR_VALUES)
                .where(col("status").isin("ok", "partial"))
                .where(col("numerator")
                        .geq(1)
                        .and(col("numerator").lt(8))
                        .or(col("measure_type")
                                .notEqual("ratio")
                                .and(col("denominator").geq(1))
                                .and(col("denominator").lt(8))))
                .collectAsList();
        assertFalse(small.isEmpty(), "the demo lakehouse has small cells");

        int checked = 0;
        TreeSet<String> problems = new TreeSet<>();
        for (Row r : small) {
            String level = r.getAs("org_level");
            String code = r.getAs("org_code");
            String page = pages.get(systemOf.get(level + "|" + code));
            if (page == null) {
                continue;
            }
            SeriesKey key = new SeriesKey(level, code, r.getAs("indicator_id"), r.getAs("stratum"));
            String article = section(page, "<article class=\"series\" id=\"" + key.anchor() + "\"", "</article>");
            if (article == null) {
                continue;
            }
            LocalDate month = r.<java.sql.Date>getAs("period_start").toLocalDate();
            String label = ValueFormat.month(month);
            String what = key.anchor() + " " + label;
            Double num = r.getAs("numerator");
            Double den = r.getAs("denominator");
            String exactRow = "<tr><td>" + label + "</td><td class=\"num\">"
                    + (num == null ? "–" : ValueFormat.number(num)) + "</td><td class=\"num\">"
                    + (den == null ? "–" : ValueFormat.number(den)) + "</td>";
            if (article.contains(exactRow)) {
                problems.add(what + ": the exact row " + exactRow + " is in its section");
            }
            if (article.contains("<title>" + label + ": ")) {
                problems.add(what + ": the SPC chart has a point for the month");
            }
            String table = section(article, "<table id=\"" + key.anchor() + "-data\"", "</table>");
            String row = table == null ? null : section(table, "<tr><td>" + label + "</td>", "</tr>");
            if (row == null) {
                problems.add(what + ": no row for the month in the data table");
                continue;
            }
            List<String> cells = cells(row);
            // Month, numerator, denominator, value, interval, target, status, SPC.
            if (!cells.subList(1, 5).equals(List.of("–", "–", "–", "–")) || !"suppressed".equals(cells.get(6))) {
                problems.add(what + " (exact " + num + " / " + den + ") is shown as " + cells);
            }
            checked++;
        }
        assertEquals(List.of(), new ArrayList<>(problems));
        assertTrue(checked > 0, "at least one small cell is on a page");

        // Every count printed in a data table is a published (rounded) count.
        TreeSet<String> ratioTables = new TreeSet<>();
        for (Row r : ctx.lakehouse()
                .read(IndicatorTables.INDICATOR_VALUES)
                .where(col("measure_type").equalTo("ratio"))
                .select("org_level", "org_code", "indicator_id", "stratum")
                .distinct()
                .collectAsList()) {
            ratioTables.add(
                    new SeriesKey(r.getString(0), r.getString(1), r.getString(2), r.getString(3)).anchor() + "-data");
        }
        int counts = 0;
        for (Map.Entry<String, String> p : pages.entrySet()) {
            Matcher rows = Pattern.compile("<table id=\"([^\"]*-data)\">.*?</table>", Pattern.DOTALL)
                    .matcher(p.getValue());
            while (rows.find()) {
                boolean ratio = ratioTables.contains(rows.group(1));
                for (String row : rows.group().split("<tr>")) {
                    List<String> cells = cells(row);
                    if (cells.size() < 8 || !row.startsWith("<td>")) {
                        continue;
                    }
                    for (int c = 1; c <= 2; c++) {
                        String text = cells.get(c).replace(",", "");
                        if (text.equals("–") || (c == 2 && ratio)) {
                            continue;
                        }
                        counts++;
                        if (Double.parseDouble(text) % 5 != 0) {
                            problems.add(p.getKey() + ": count " + cells.get(c) + " in row " + cells);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), new ArrayList<>(problems));
        assertTrue(counts > 100, counts + " counts checked");
        System.out.printf(
                "dashboard disclosure: %d pages, %d small cells of the exact table, %d of them on a page checked,"
                        + " %d printed counts checked%n",
                pages.size(), small.size(), checked, counts);
    }

    /** The text from {@code start} (included) to the first {@code end} after it (included), or null. */
    private static String section(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            return null;
        }
        int to = text.indexOf(end, from);
        return to < 0 ? null : text.substring(from, to + end.length());
    }

    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        Matcher m = CELL.matcher(row);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
