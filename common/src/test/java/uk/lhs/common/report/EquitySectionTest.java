package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.CaveatNote;

class EquitySectionTest {
    private static EquitySection.Subgroup sub(String s, Double est, Double lo, Double hi, CaveatNote... caveats) {
        return new EquitySection.Subgroup(s, est, lo, hi, 0.01, 24, 12, List.of(caveats), "Statement for " + s + ".");
    }

    private static EquitySection.Equity equity(Double q3Estimate) {
        List<EquitySection.Subgroup> subs = new ArrayList<>();
        subs.add(sub("imd_q1", -0.05, -0.08, -0.02));
        subs.add(sub("imd_q2", -0.02, -0.05, 0.01));
        subs.add(sub("imd_q3", q3Estimate, q3Estimate == null ? null : -0.03, q3Estimate == null ? null : 0.03));
        subs.add(sub("imd_q4", 0.01, -0.02, 0.04));
        subs.add(sub(
                "imd_q5",
                0.0,
                -0.03,
                0.03,
                new CaveatNote("SMALL_SUBGROUP", "warning", "The least deprived fifth is thin <here>.")));
        subs.add(sub("gap_q1_q5", -0.05, -0.09, -0.01));
        subs.add(sub("sii", 0.05, 0.01, 0.09));
        return new EquitySection.Equity(
                "INT-011",
                "Follow-up & more",
                "trust",
                "RXX",
                "Example Trust",
                "readmit_30d",
                "Readmissions",
                "proportion",
                subs);
    }

    private static List<Double> attr(String svg, String element, String attribute) {
        Matcher m = Pattern.compile("<" + element + "[^>]*? " + attribute + "=\"([-0-9.]+)\"")
                .matcher(svg);
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    @Test
    void theChartHasOneDotAndWhiskerPerQuintileOnTheSameScaleAsTheZeroLine() {
        String svg = EquitySection.chart(equity(0.0), "q-x");
        assertTrue(svg.startsWith("<svg class=\"chart equity\" data-chart=\"equity\""), svg);
        List<Double> cx = attr(svg, "circle", "cx");
        assertEquals(5, cx.size(), "one dot per quintile, none for the gap and SII");
        Matcher ci = Pattern.compile("<line class=\"ci\" x1=\"([-0-9.]+)\" x2=\"([-0-9.]+)\" y1=\"([-0-9.]+)\"")
                .matcher(svg);
        List<double[]> whiskers = new ArrayList<>();
        while (ci.find()) {
            whiskers.add(new double[] {
                Double.parseDouble(ci.group(1)), Double.parseDouble(ci.group(2)), Double.parseDouble(ci.group(3))
            });
        }
        assertEquals(5, whiskers.size());
        List<Double> cy = attr(svg, "circle", "cy");
        for (int i = 0; i < 5; i++) {
            // Each dot lies on its whisker, inside it, and rows go down the page in quintile order.
            assertTrue(whiskers.get(i)[0] <= cx.get(i) && cx.get(i) <= whiskers.get(i)[1], svg);
            assertEquals(whiskers.get(i)[2], cy.get(i), 1e-9);
            if (i > 0) {
                assertTrue(cy.get(i) > cy.get(i - 1));
            }
        }
        double zero = attr(svg, "line class=\"zero\"", "x1").get(0);
        // Q5's estimate is 0: its dot sits on the zero line; Q1's (−5 points) is left of it, Q4's right.
        assertEquals(zero, cx.get(4), 1e-9);
        assertTrue(cx.get(0) < zero && cx.get(3) > zero);
        // Linear: Q1 (−0.05) is 5 times as far from zero as Q4 (+0.01).
        assertEquals(5, (zero - cx.get(0)) / (cx.get(3) - zero), 1e-6);
        assertTrue(svg.contains(">Q1 (most deprived)</text>") && svg.contains(">Q5 (least deprived)</text>"));
    }

    @Test
    void aQuintileWithoutEstimateSaysSoAndTheSectionShowsStatementsAndEscapedCaveats() {
        String svg = EquitySection.chart(equity(null), "q-x");
        assertEquals(4, attr(svg, "circle", "cx").size());
        assertTrue(svg.contains("not enough data"));
        String html = EquitySection.render(List.of(equity(0.0)));
        assertTrue(html.contains("<strong>Statement for gap_q1_q5.</strong>"), html);
        assertTrue(html.contains("Statement for sii."));
        assertTrue(html.contains("Follow-up &amp; more"));
        assertTrue(html.contains("SMALL_SUBGROUP"));
        assertTrue(html.contains("thin &lt;here&gt;."));
        assertFalse(html.contains("<here>"));
        assertTrue(html.contains("Gap Q1 − Q5") && html.contains("Slope index of inequality"));
        assertTrue(
                EquitySection.render(List.of()).contains("No intervention in the register concerns a patient-level"));
    }

    @Test
    void theDashboardShowsTheEquitySectionAndLinksItFromTheNavigation() {
        ReportModel.SystemReport base = Fixtures.report();
        ReportModel.SystemReport withEquity = new ReportModel.SystemReport(
                base.systemCode(),
                base.systemName(),
                base.series(),
                base.effects(),
                base.quality(),
                base.tableVersions(),
                base.latestRunId(),
                base.generatedAt(),
                List.of(equity(0.0)),
                List.of());
        String page = Dashboard.render(withEquity);
        assertTrue(page.contains("<section id=\"equity\""), "section");
        assertTrue(page.contains("href=\"#equity\""), "navigation");
        assertTrue(page.contains("data-chart=\"equity\""), "chart");
        assertTrue(Dashboard.render(base).contains("No intervention in the register concerns a patient-level"));
    }
}
