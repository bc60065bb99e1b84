package uk.lhs.common.evaluation.staggered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The panel CSV of {@code lhs did-csv}: time formats and their mapping, the output shape, and the error messages. */
class StaggeredCsvTest {
    private static final StaggeredCsv.Columns COLS = new StaggeredCsv.Columns("org", "period", "value", "start");

    /** The hand panel of {@link StaggeredDidTest} with periods written by {@code time}. */
    private static String hand(UnaryOperator<String> time, String never) {
        String[][] units = {
            {"N1", "0", "1", "2", "3", "5"},
            {"N2", "0", "3", "3", "5", "6"},
            {"A1", "3", "2", "4", "9", "10"},
            {"A2", "3", "0", "1", "5", "8"},
            {"B1", "4", "1", "1", "2", "7"}
        };
        StringBuilder sb = new StringBuilder("org,period,value,start,ignored\n");
        for (String[] u : units) {
            for (int t = 1; t <= 4; t++) {
                String g = u[1].equals("0") ? never : time.apply(u[1]);
                sb.append(u[0])
                        .append(',')
                        .append(time.apply(Integer.toString(t)))
                        .append(',');
                sb.append(u[t + 1]).append(',').append(g).append(",x\n");
            }
        }
        return sb.toString();
    }

    private static List<String[]> run(String csv) throws IOException {
        StringWriter out = new StringWriter();
        StaggeredCsv.run(new StringReader(csv), "in.csv", COLS, StaggeredOptions.defaults(), out);
        String[] lines = out.toString().split("\n");
        assertEquals(String.join(",", StaggeredCsv.OUTPUT_COLUMNS), lines[0]);
        return Arrays.stream(lines).skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static String[] row(List<String[]> rows, String agg, String g, String t, String e) {
        return rows.stream()
                .filter(r -> r[0].equals(agg) && r[1].equals(g) && r[2].equals(t) && r[3].equals(e))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + agg + "," + g + "," + t + "," + e));
    }

    @Test
    void yearsMonthsAndCompactMonthsGiveTheSameEstimatesInTheirOwnFormat() throws IOException {
        List<String[]> years = run(hand(t -> Integer.toString(2019 + Integer.parseInt(t)), ""));
        assertEquals(3.0, Double.parseDouble(row(years, "att_gt", "2022", "2022", "0")[4]), 1e-12);
        assertEquals(3.5, Double.parseDouble(row(years, "att_gt", "2022", "2023", "1")[4]), 1e-12);
        assertEquals(3.3, Double.parseDouble(row(years, "simple", "", "", "")[4]), 1e-12);
        // months across a year end: 2023-11, 2023-12, 2024-01, 2024-02 (cohorts 2024-01 and 2024-02)
        String[] dashed = {"", "2023-11", "2023-12", "2024-01", "2024-02"};
        String[] compact = {"", "202311", "202312", "202401", "202402"};
        List<String[]> d = run(hand(t -> dashed[Integer.parseInt(t)], ""));
        List<String[]> c = run(hand(t -> compact[Integer.parseInt(t)], "0"));
        assertEquals(years.size(), d.size());
        for (int i = 0; i < years.size(); i++) {
            assertEquals(years.get(i)[4], d.get(i)[4], "same estimate on row " + i);
            assertEquals(years.get(i)[4], c.get(i)[4], "same estimate on row " + i);
            assertEquals(years.get(i)[3], d.get(i)[3], "event time in periods (months)");
        }
        assertEquals(3.5, Double.parseDouble(row(d, "att_gt", "2024-01", "2024-02", "1")[4]), 1e-12);
        assertEquals(3.5, Double.parseDouble(row(c, "calendar", "", "202402", "")[4]), 1e-12);
        assertEquals(3.25, Double.parseDouble(row(d, "group", "2024-01", "", "")[4]), 1e-12);
        assertEquals(9.5 / 3, Double.parseDouble(row(c, "dynamic", "", "", "0")[4]), 1e-12);
    }

    @Test
    void rowsUseTheBandAndOverallValuesThePointwiseInterval() throws IOException {
        StringWriter out = new StringWriter();
        StaggeredResult r = StaggeredCsv.run(
                new StringReader(hand(t -> Integer.toString(2019 + Integer.parseInt(t)), "")),
                "in.csv",
                COLS,
                StaggeredOptions.defaults(),
                out);
        List<String[]> rows = Arrays.stream(out.toString().split("\n"))
                .skip(1)
                .map(l -> l.split(",", -1))
                .toList();
        assertEquals(r.rows().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StaggeredRow x = r.rows().get(i);
            double lower = rows.get(i)[6].isEmpty() ? Double.NaN : Double.parseDouble(rows.get(i)[6]);
            assertEquals(x.isOverall() ? x.ciLower() : x.bandLower(), lower, 0.0, Arrays.toString(rows.get(i)));
        }
        assertEquals(
                4, rows.stream().filter(x -> (x[1] + x[2] + x[3]).isEmpty()).count(), "one overall per aggregation");
    }

    @Test
    void errorsNameFileLineAndColumn() {
        String good = "org,period,value,start\na,2020,1,\na,2021,2,\n";
        assertMessage(good.replace("a,2021,2,", "a,2021,two,"), "in.csv line 3, column 'value': 'two' is not a number");
        assertMessage(good.replace("a,2021,2,", "a,21x,2,"), "in.csv line 3, column 'period': '21x' is not an integer");
        assertMessage(good.replace("a,2021,2,", "a,2021,2,2021"), "in.csv line 3, column 'start': '2021' differs");
        assertMessage(good.replace("a,2021,2,", "a,2020,2,"), "in.csv line 3, column 'period': unit 'a' has period");
        assertMessage(good.replace("a,2021,2,", "a,2021,2"), "in.csv line 3: has 3 fields but the header has 4");
        assertMessage(good.replace("a,2021,2,", ",2021,2,"), "in.csv line 3, column 'org': is empty");
        assertMessage(good.replace("start", "began"), "in.csv line 1, column 'start': no such column");
        assertMessage(
                "org,period,value,start\na,2024-01,1,2024-13\n",
                "in.csv line 2, column 'start': '2024-13' is not a month yyyy-MM");
        assertMessage("", "in.csv line 1: the file is empty");
    }

    private static void assertMessage(String csv, String start) {
        StaggeredCsvException e = assertThrows(
                StaggeredCsvException.class, () -> StaggeredCsv.read(new StringReader(csv), "in.csv", COLS));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void headerNamesMatchWithoutRegardToCase() throws IOException {
        StaggeredCsv.Input in = StaggeredCsv.read(
                new StringReader("ORG,Period,VALUE,Start\na,2020,1,\na,2021,2,\nb,2020,1,2021\nb,2021,3,2021\n"),
                "in.csv",
                COLS);
        assertEquals(2, in.panel().size());
        assertEquals("2020", in.time(1));
        assertEquals(StaggeredCsv.TimeFormat.INTEGER, in.format());
    }
}
