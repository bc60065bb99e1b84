package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.vocab.ChartType;

/**
 * Reproduces the qicharts2 reference outputs (github.com/anhoej/qicharts2 @ 1b9487e, tests test_montgomery.R and
 * test_hai.R; see ../shared/reference/peers/qicharts2/README.md and cases.csv) to 1e-6 relative, row by row: the
 * plotted value, centre, limits, part, baseline/include, sigma signal and the Anhøj runs columns.
 */
class Qicharts2ReferenceIT {
    private static final String DIR = "reference/peers/qicharts2/";
    private static final LocalDate START = LocalDate.of(2000, 1, 1);
    /** qicharts2's tests compare with 1e-6 relative tolerance; values below 1e-12 compare absolutely. */
    private static final double REL_TOL = 1e-6;

    private static final double ABS_FLOOR = 1e-12;

    @Test
    void ex653_iChartFrozenAfter20() throws IOException {
        RTable in = input("tbl_06.07.csv");
        SpcSeries s = SpcSeries.of("ex_6.5_3", SpcSeries.monthly(START, in.size()), in.column("cost"));
        // No baseline moving range reaches 3.267 × AMR here, so the case holds with screening on and off.
        for (boolean screen : new boolean[] {false, true}) {
            SpcOptions o = SpcOptions.builder()
                    .chart(ChartType.I)
                    .fixAfter(20)
                    .screenOutliers(screen)
                    .build();
            assertRows("ex_6.5_3.csv", SpcEngine.compute(s, o), 1.0);
        }
    }

    @Test
    void ex654_mrChartFrozenAfter20() throws IOException {
        RTable in = input("tbl_06.07.csv");
        SpcSeries s = SpcSeries.of("ex_6.5_4", SpcSeries.monthly(START, in.size()), in.column("cost"));
        SpcOptions o = SpcOptions.builder().chart(ChartType.MR).fixAfter(20).build();
        assertRows("ex_6.5_4.csv", SpcEngine.compute(s, o), 1.0);
    }

    @Test
    void ex715_pChartTwoPartsWithExclusions() throws IOException {
        RTable in = input("tbl_07.03.csv");
        SpcSeries s =
                new SpcSeries("ex_7.1_5", SpcSeries.monthly(START, in.size()), in.column("count"), in.column("size"));
        // qic(..., exclude = c(15, 23), part = 30): 1-based exclusions, part 2 starts at point 31 (0-based 30).
        SpcOptions o = SpcOptions.builder()
                .chart(ChartType.P)
                .excludeIndices(List.of(14, 22))
                .rebaseIndices(List.of(30))
                .build();
        assertRows("ex_7.1_5.csv", SpcEngine.compute(s, o), 1.0);
    }

    @Test
    void tbl741_pChartVariableDenominators() throws IOException {
        RTable in = input("tbl_07.04.csv");
        SpcSeries s =
                new SpcSeries("tbl_7.4_1", SpcSeries.monthly(START, in.size()), in.column("count"), in.column("size"));
        assertRows(
                "tbl_7.4_1.csv",
                SpcEngine.compute(s, SpcOptions.builder().chart(ChartType.P).build()),
                1.0);
    }

    @Test
    void ex733_cChartExclusionsAndFreeze() throws IOException {
        RTable in = input("tbl_07.08.csv");
        SpcSeries s = SpcSeries.of("ex_7.3_3", SpcSeries.monthly(START, in.size()), in.column("count"));
        SpcOptions o = SpcOptions.builder()
                .chart(ChartType.C)
                .excludeIndices(List.of(5, 19))
                .fixAfter(26)
                .build();
        SpcResult r = SpcEngine.compute(s, o);
        assertRows("ex_7.3_3.csv", r, 1.0);
        assertTrue(r.summary().runs().get(0).signal(), "this case's runs signal is TRUE upstream");
    }

    @Test
    void ex741_uChart() throws IOException {
        RTable in = input("tbl_07.10.csv");
        SpcSeries s =
                new SpcSeries("ex_7.4_1", SpcSeries.monthly(START, in.size()), in.column("count"), in.column("size"));
        assertRows(
                "ex_7.4_1.csv",
                SpcEngine.compute(s, SpcOptions.builder().chart(ChartType.U).build()),
                1.0);
    }

    @Test
    void ex751_uChartMultipliedBy50() throws IOException {
        RTable in = input("tbl_07.11.csv");
        SpcSeries s =
                new SpcSeries("ex_7.5_1", SpcSeries.monthly(START, in.size()), in.column("count"), in.column("meters"));
        assertRows(
                "ex_7.5_1.csv",
                SpcEngine.compute(s, SpcOptions.builder().chart(ChartType.U).build()),
                50.0);
    }

    @Test
    void ex761_tChart() throws IOException {
        RTable in = input("tbl_07.14.csv");
        SpcSeries s = SpcSeries.of("ex_7.6_1", SpcSeries.monthly(START, in.size()), in.column("hours"));
        for (boolean screen : new boolean[] {false, true}) {
            SpcOptions o = SpcOptions.builder()
                    .chart(ChartType.T)
                    .screenOutliers(screen)
                    .build();
            assertRows("ex_7.6_1.csv", SpcEngine.compute(s, o), 1.0);
        }
    }

    @Test
    void hai1_uChartAllHospitalsByMonth() throws IOException {
        assertHaiSummaries("hai_1.csv", rows -> "1", rows -> "1", false, 1.0);
    }

    @Test
    void hai2_uChartByInfection() throws IOException {
        assertHaiSummaries("hai_2.csv", r -> r.get("infection"), r -> "1", false, 1.0);
    }

    @Test
    void hai3_uChartByHospitalAndInfection() throws IOException {
        assertHaiSummaries("hai_3.csv", r -> r.get("hospital"), r -> r.get("infection"), false, 1.0);
    }

    @Test
    void hai4_funnelStyleUChartOverHospitals() throws IOException {
        assertHaiSummaries("hai_4.csv", r -> r.get("infection"), r -> "1", true, 10000.0);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static RTable input(String name) throws IOException {
        return RTable.read(SharedData.path("data/../" + DIR + "inputs/" + name));
    }

    private static RTable expected(String name) throws IOException {
        return RTable.read(SharedData.path("data/../" + DIR + "expected/" + name));
    }

    private static void assertRows(String expectedFile, SpcResult r, double multiply) throws IOException {
        RTable e = expected(expectedFile);
        assertEquals(e.size(), r.points().size(), expectedFile + ": rows");
        for (int i = 0; i < e.size(); i++) {
            SpcPoint p = r.points().get(i);
            String at = expectedFile + " row " + (i + 1) + " ";
            close(e.num(i, "y"), p.value() * multiply, at + "y");
            close(e.num(i, "cl"), p.centre() * multiply, at + "cl");
            close(e.num(i, "ucl"), p.upperLimit() * multiply, at + "ucl");
            close(e.num(i, "lcl"), p.lowerLimit() * multiply, at + "lcl");
            assertEquals((int) e.num(i, "part"), p.phase(), at + "part");
            assertEquals(e.bool(i, "include"), !p.excluded(), at + "include");
            assertEquals(
                    e.bool(i, "baseline") && e.bool(i, "include") && !Double.isNaN(e.num(i, "y")),
                    p.baseline(),
                    at + "baseline");
            assertEquals(e.bool(i, "sigma.signal"), p.outsideLimits(), at + "sigma.signal");
            assertRuns(e.rows().get(i), r.summary().runs().get(p.phase() - 1), at);
        }
    }

    private static void assertRuns(Map<String, String> e, RunAnalysis ra, String at) {
        assertEquals(Integer.parseInt(e.get("n.obs")), ra.observations(), at + "n.obs");
        assertEquals(Integer.parseInt(e.get("n.useful")), ra.useful(), at + "n.useful");
        assertEquals(Integer.parseInt(e.get("longest.run")), ra.longestRun(), at + "longest.run");
        assertEquals(Integer.parseInt(e.get("longest.run.max")), ra.longestRunMax(), at + "longest.run.max");
        assertEquals(Integer.parseInt(e.get("n.crossings")), ra.crossings(), at + "n.crossings");
        assertEquals(Integer.parseInt(e.get("n.crossings.min")), ra.crossingsMin(), at + "n.crossings.min");
        String sig = e.get("runs.signal");
        assertEquals("TRUE".equals(sig) || "1".equals(sig), ra.signal(), at + "runs.signal");
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NA, got " + actual);
            return;
        }
        double tol = Math.max(ABS_FLOOR, REL_TOL * Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    /**
     * The hai cases: qic aggregates y (infections) and n (days) by x within each facet, so the U chart is over the sums.
     * With {@code byHospital}, x is the hospital ordered by mean days ({@code reorder(hospital, days)}) over the rows
     * from 2016-07-01; otherwise x is the month.
     */
    private static void assertHaiSummaries(
            String expectedFile,
            java.util.function.Function<Map<String, String>, String> facet1,
            java.util.function.Function<Map<String, String>, String> facet2,
            boolean byHospital,
            double multiply)
            throws IOException {
        List<Map<String, String>> data =
                new ArrayList<>(input("hospital_infections.csv").rows());
        if (byHospital) {
            data.removeIf(r -> r.get("month").compareTo("2016-07-01") < 0);
        }
        Map<String, Integer> order = new LinkedHashMap<>();
        if (byHospital) {
            Map<String, double[]> sums = new TreeMap<>();
            for (Map<String, String> r : data) {
                double[] acc = sums.computeIfAbsent(r.get("hospital"), k -> new double[2]);
                acc[0] += Double.parseDouble(r.get("days"));
                acc[1]++;
            }
            List<String> hospitals = new ArrayList<>(sums.keySet());
            hospitals.sort(Comparator.comparingDouble(h -> sums.get(h)[0] / sums.get(h)[1]));
            for (int i = 0; i < hospitals.size(); i++) {
                order.put(hospitals.get(i), i);
            }
        }
        // facet key -> x key -> {sum n, sum days}
        Map<String, TreeMap<String, double[]>> facets = new TreeMap<>();
        for (Map<String, String> r : data) {
            String key = facet1.apply(r) + "|" + facet2.apply(r);
            String x = byHospital ? String.format("%03d", order.get(r.get("hospital"))) : r.get("month");
            double[] acc = facets.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(x, k -> new double[2]);
            acc[0] += Double.parseDouble(r.get("n"));
            acc[1] += Double.parseDouble(r.get("days"));
        }
        RTable e = expected(expectedFile);
        assertEquals(e.size(), facets.size(), expectedFile + ": facets");
        for (int i = 0; i < e.size(); i++) {
            String key = e.str(i, "facet1") + "|" + e.str(i, "facet2");
            TreeMap<String, double[]> xs = facets.get(key);
            String at = expectedFile + " facet " + key + " ";
            assertTrue(xs != null, at + "missing");
            double[] num = xs.values().stream().mapToDouble(a -> a[0]).toArray();
            double[] den = xs.values().stream().mapToDouble(a -> a[1]).toArray();
            SpcResult r = SpcEngine.compute(
                    new SpcSeries(key, SpcSeries.monthly(START, num.length), num, den),
                    SpcOptions.builder().chart(ChartType.U).build());
            double lcl = r.points().stream()
                    .mapToDouble(SpcPoint::lowerLimit)
                    .average()
                    .orElseThrow();
            double cl =
                    r.points().stream().mapToDouble(SpcPoint::centre).average().orElseThrow();
            double ucl = r.points().stream()
                    .mapToDouble(SpcPoint::upperLimit)
                    .average()
                    .orElseThrow();
            close(e.num(i, "aLCL"), lcl * multiply, at + "aLCL");
            close(e.num(i, "CL"), cl * multiply, at + "CL");
            close(e.num(i, "aUCL"), ucl * multiply, at + "aUCL");
            assertEquals(
                    (int) e.num(i, "sigma.signal"),
                    (int) r.points().stream().filter(SpcPoint::outsideLimits).count(),
                    at + "sigma.signal");
            assertRuns(e.rows().get(i), r.summary().runs().get(0), at);
        }
    }
}
