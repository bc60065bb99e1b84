package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;

/**
 * Xbar and S charts against the qicharts2 reference outputs (Montgomery examples 6.3 and 6.4 and the NA test; see
 * ../shared/reference/peers/qicharts2/cases.csv), to 1e-6 relative.
 */
class Qicharts2SubgroupIT {
    private static final String DIR = "reference/peers/qicharts2/";

    /** Subgroups by the {@code sample} column in order of appearance; rows with an NA sample are dropped (as qic). */
    private static double[][] subgroups(String input) throws IOException {
        RTable t = RTable.read(SharedData.path(DIR + "inputs/" + input));
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (!"NA".equals(t.str(i, "sample"))) {
                groups.computeIfAbsent(t.str(i, "sample"), k -> new ArrayList<>())
                        .add(t.num(i, "obs"));
            }
        }
        return groups.values().stream()
                .map(g -> g.stream().mapToDouble(Double::doubleValue).toArray())
                .toArray(double[][]::new);
    }

    @Test
    void ex631_xbar() throws IOException {
        check(
                "ex_6.3_1.csv",
                SubgroupChart.compute(subgroups("tbl_06.03.csv"), SubgroupChart.Kind.XBAR, null, List.of()),
                1.0);
    }

    @Test
    void ex632_s() throws IOException {
        check(
                "ex_6.3_2.csv",
                SubgroupChart.compute(subgroups("tbl_06.03.csv"), SubgroupChart.Kind.S, null, List.of()),
                1.0);
    }

    @Test
    void ex641_xbarVariableSize() throws IOException {
        check(
                "ex_6.4_1.csv",
                SubgroupChart.compute(subgroups("tbl_06.04.csv"), SubgroupChart.Kind.XBAR, null, List.of()),
                1.0);
    }

    @Test
    void ex642_sVariableSize() throws IOException {
        check(
                "ex_6.4_2.csv",
                SubgroupChart.compute(subgroups("tbl_06.04.csv"), SubgroupChart.Kind.S, null, List.of()),
                1.0);
    }

    /**
     * Missing values: subgroups of size 1 get no limits, the all-missing subgroup no value. qicharts2 counts the empty
     * subgroup as −1 pooled degree of freedom; we count 0, so our limit half-widths are theirs × √(df_theirs/df_ours).
     */
    @Test
    void naTestDiffersOnlyByTheEmptySubgroupsDegreeOfFreedom() throws IOException {
        double[][] g = subgroups("NA_test.csv");
        double dfTheirs = 0;
        double dfOurs = 0;
        for (double[] s : g) {
            long n = Arrays.stream(s).filter(v -> !Double.isNaN(v)).count();
            dfTheirs += n - 1;
            dfOurs += n > 0 ? n - 1 : 0;
        }
        assertTrue(dfTheirs < dfOurs, "the NA test has an empty subgroup");
        check(
                "NA_test.csv",
                SubgroupChart.compute(g, SubgroupChart.Kind.XBAR, null, List.of()),
                Math.sqrt(dfTheirs / dfOurs));
    }

    private static void check(String file, SubgroupChart.Result r, double widthScale) throws IOException {
        RTable e = RTable.read(SharedData.path(DIR + "expected/" + file));
        assertEquals(e.size(), r.points().size(), file + " rows");
        for (int i = 0; i < e.size(); i++) {
            SubgroupChart.Point p = r.points().get(i);
            String at = file + " row " + (i + 1) + " ";
            double cl = e.num(i, "cl");
            close(e.num(i, "y"), p.value(), at + "y");
            close(cl, p.centre(), at + "cl");
            close(cl + (e.num(i, "ucl") - cl) * widthScale, p.upperLimit(), at + "ucl");
            close(cl + (e.num(i, "lcl") - cl) * widthScale, p.lowerLimit(), at + "lcl");
            assertEquals((int) e.num(i, "y.length"), p.size(), at + "y.length");
            assertEquals(e.bool(i, "sigma.signal"), p.outsideLimits(), at + "sigma.signal");
            RunAnalysis ra = r.runs();
            assertEquals((int) e.num(i, "n.obs"), ra.observations(), at + "n.obs");
            assertEquals((int) e.num(i, "n.useful"), ra.useful(), at + "n.useful");
            assertEquals((int) e.num(i, "longest.run"), ra.longestRun(), at + "longest.run");
            assertEquals((int) e.num(i, "n.crossings"), ra.crossings(), at + "n.crossings");
            assertEquals(e.bool(i, "runs.signal"), ra.signal(), at + "runs.signal");
        }
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NA, got " + actual);
            return;
        }
        assertEquals(expected, actual, Math.max(1e-12, 1e-6 * Math.abs(expected)), what);
    }
}
