package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.LearningRow;

class ForestPlotSvgTest {
    private static final LearningRow ROW = Fixtures.learning("same_day_emergency_care", true);
    private static final String SVG = ForestPlotSvg.render(ROW, "f1");

    // The fixture spans -0.08 (RB2's lower limit) to 0.10 (the prediction interval's upper end); padded by 5% of 0.18
    // each side the x domain is -0.089..0.109, drawn from x = 212 to x = 470. Computed by hand, not by the code.
    private static double expectedX(double v) {
        return 212 + (v + 0.089) / 0.198 * 258;
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Test
    void diamondIsCentredOnThePooledEstimateAndSpansItsInterval() {
        Matcher m = Pattern.compile("<polygon class=\"pooled\" points=\"([0-9.]+),([0-9.]+) ([0-9.]+),([0-9.]+)"
                        + " ([0-9.]+),([0-9.]+) ([0-9.]+),([0-9.]+)\"")
                .matcher(SVG);
        assertTrue(m.find(), SVG);
        assertEquals(px(expectedX(0.005)), m.group(1), "left tip at the lower 95% limit");
        assertEquals(px(expectedX(0.03)), m.group(3), "top vertex over the estimate");
        assertEquals(px(expectedX(0.055)), m.group(5), "right tip at the upper 95% limit");
        assertEquals(px(expectedX(0.03)), m.group(7), "bottom vertex under the estimate");
        assertEquals("367.1", m.group(3));
        // Pooled row: 3 sites, one empty row, so its centre is 26 + 22 * 4.5.
        assertEquals("125.0", m.group(2));
        assertEquals(m.group(2), m.group(6));
        assertEquals(14.0, Double.parseDouble(m.group(8)) - Double.parseDouble(m.group(4)), 1e-9);
    }

    @Test
    void nullLineAndPredictionIntervalSitOnTheScale() {
        assertTrue(SVG.contains("<line class=\"null\" x1=\"" + px(expectedX(0)) + "\" x2=\"" + px(expectedX(0))), SVG);
        String a = px(expectedX(-0.04));
        String b = px(expectedX(0.10));
        assertTrue(SVG.contains("class=\"pi\" d=\"M" + a + " 121.0V129.0M" + a + " 125.0H" + b + "M" + b), SVG);
        assertTrue(SVG.contains("stroke-dasharray=\"4 2\""));
        assertTrue(SVG.contains("(percentage points)</text>"), "axis in percentage points");
        for (String tick : new String[] {">-5</text>", ">0</text>", ">+5</text>", ">+10</text>"}) {
            assertTrue(SVG.contains(tick), tick);
        }
        assertTrue(SVG.contains("<line class=\"tick\" x1=\"" + px(expectedX(0.05)) + "\""), "tick +5 at 0.05");
    }

    @Test
    void squaresAreOrderedBySiteSizedByWeightAndCentredOnTheirEstimates() {
        Matcher m = Pattern.compile("<rect class=\"site\" data-org=\"([A-Z0-9]+)\" x=\"([0-9.]+)\" y=\"([0-9.]+)\""
                        + " width=\"([0-9.]+)\" height=\"([0-9.]+)\"")
                .matcher(SVG);
        List<String> orgs = new ArrayList<>();
        List<double[]> geo = new ArrayList<>();
        while (m.find()) {
            orgs.add(m.group(1));
            geo.add(new double[] {
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(5))
            });
        }
        assertEquals(List.of("RA1", "RB2", "RC3"), orgs, "by organisation code, not input order");
        double[] estimates = {0.05, -0.02, 0.02};
        double[] weights = {50, 30, 20};
        for (int i = 0; i < 3; i++) {
            double[] g = geo.get(i);
            assertEquals(g[2], g[3], 1e-9, "square");
            assertEquals(expectedX(estimates[i]), g[0] + g[2] / 2, 0.11, "centred on the estimate");
            assertEquals(26 + 22 * (i + 0.5), g[1] + g[3] / 2, 0.11, "row " + i);
            // Area proportional to weight: side² / heaviest side² = weight / 50.
            assertEquals(weights[i] / 50, g[2] * g[2] / (16.0 * 16.0), 0.02, "area by weight");
        }
        assertEquals(16.0, geo.get(0)[2], 1e-9, "the heaviest site has the largest square");
        assertTrue(
                SVG.contains("<line class=\"site-ci\" x1=\"" + px(expectedX(0.01)) + "\" x2=\"" + px(expectedX(0.09))
                        + "\" y1=\"37.0\""),
                "RA1's interval on its row");
        assertTrue(SVG.contains("Trust &lt;one&gt; (RA1)"), "labels are escaped");
        assertTrue(SVG.contains(">50.0%</text>") && SVG.contains(">+5.0 pp (+1.0 pp to +9.0 pp)</text>"));
    }

    @Test
    void smallWeightsKeepAVisibleSquareAndNoPredictionIntervalWhenItIsMissing() {
        assertEquals(ForestPlotSvg.MIN_SIDE, ForestPlotSvg.squareSide(0.01, 50), 1e-12);
        assertEquals(ForestPlotSvg.MIN_SIDE, ForestPlotSvg.squareSide(null, 50), 1e-12);
        assertEquals(8.0, ForestPlotSvg.squareSide(12.5, 50), 1e-12, "a quarter of the weight, half the side");
        LearningRow two = new LearningRow(
                ROW.interventionType(),
                ROW.indicatorId(),
                ROW.indicatorTitle(),
                "rate per 1,000",
                ROW.method(),
                "dl",
                2,
                ROW.sites().subList(0, 2),
                ROW.estimate(),
                ROW.se(),
                ROW.ciLower(),
                ROW.ciUpper(),
                0.0,
                0.0,
                0.5,
                1,
                0.48,
                Double.NaN,
                Double.NaN,
                false,
                List.of(),
                "");
        String svg = ForestPlotSvg.render(two, "f2");
        assertFalse(svg.contains("class=\"pi\""), "no prediction interval below 3 sites");
        assertTrue(svg.contains("no prediction interval (fewer than 3 sites)"));
        assertTrue(svg.contains("(rate per 1,000)</text>"), "axis in the indicator's unit");
        assertEquals(2, count(svg, "class=\"site\""));
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
