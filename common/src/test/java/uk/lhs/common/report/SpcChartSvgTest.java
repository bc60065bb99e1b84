package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpcChartSvgTest {
    private static final ReportModel.SeriesPage PAGE = Fixtures.page("RA1", "Trust <one>", "ae_4hr_all", true);
    private static final String SVG = SpcChartSvg.render(PAGE);

    // The fixture's values span 0.60 (lowest limit) to 0.85 (the special point): padded by 5% of 0.25 each side the
    // y domain is 0.5875..0.8625, drawn from y = 256 (BOTTOM) up to y = 16 (TOP). Computed by hand, not by the code.
    private static double expectedY(double v) {
        return 256 - (v - 0.5875) / 0.275 * 240;
    }

    private static String px(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    @Test
    void limitsCentreAndTargetMapToTheRightHeight() {
        // Phase 1 (months 0-7) spans from the left edge to half-way between month 7 and 8: 64 + 7.5 * 640 / 11.
        assertTrue(SVG.contains("class=\"upper\" d=\"M64.0 " + px(expectedY(0.8)) + "H500.4\""), SVG);
        assertTrue(SVG.contains("class=\"lower\" d=\"M64.0 " + px(expectedY(0.6)) + "H500.4\""));
        assertTrue(SVG.contains("class=\"centre\" d=\"M64.0 " + px(expectedY(0.7)) + "H500.4\""));
        // Phase 2 has its own limits, up to the right edge.
        assertTrue(SVG.contains("class=\"upper\" d=\"M500.4 " + px(expectedY(0.82)) + "H704.0\""));
        assertTrue(SVG.contains("class=\"target\" d=\"M64 " + px(expectedY(0.76)) + "H704\""));
        assertEquals("70.5", px(expectedY(0.8)));
    }

    @Test
    void specialCausePointIsColouredAndAboveTheUpperLimit() {
        Matcher m = Pattern.compile("<circle class=\"pt\" data-type=\"special_cause_improvement\" cx=\"([0-9.]+)\""
                        + " cy=\"([0-9.]+)\" r=\"5\" fill=\"([#0-9a-f]+)\"")
                .matcher(SVG);
        assertTrue(m.find(), SVG);
        assertEquals(px(64 + 6 * 640 / 11.0), m.group(1));
        assertEquals(px(expectedY(0.85)), m.group(2));
        assertTrue(Double.parseDouble(m.group(2)) < expectedY(0.8), "above the limit means smaller y");
        assertEquals(Palette.IMPROVEMENT, m.group(3));
        assertFalse(m.find(), "only one special-cause point");
        assertEquals(10, count(SVG, "data-type=\"common_cause\""), "11 values drawn, 1 special, 1 missing");
    }

    @Test
    void missingMonthBreaksTheLineAndPhasesAndMarkersAreDrawn() {
        Matcher m = Pattern.compile("class=\"data\" d=\"([^\"]+)\"").matcher(SVG);
        assertTrue(m.find());
        assertEquals(2, count(m.group(1), "M"), "the missing month 9 splits the line in two");
        assertTrue(SVG.contains(">Phase 2</text>"));
        assertTrue(SVG.contains("INT-001 starts Sep 2024"));
        assertFalse(SVG.contains("INT-OLD"), "a start before the first month is not drawn");
    }

    @Test
    void accessibleTitleAndDescriptionAreEscaped() {
        assertTrue(SVG.contains("role=\"img\""));
        assertTrue(SVG.contains("aria-labelledby=\"s-trust-ra1-ae-4hr-all-all-t s-trust-ra1-ae-4hr-all-all-d\""));
        assertTrue(SVG.contains(
                "<title id=\"s-trust-ra1-ae-4hr-all-all-t\">SPC chart of A&amp;E 4-hour &lt;performance&gt;,"
                        + " Trust &lt;one&gt; (RA1)</title>"));
        assertTrue(SVG.contains("12 months from Apr 2024 to Mar 2025; latest value 68.0%; 1 special-cause point(s);"
                + " target 76.0%."));
        assertFalse(SVG.contains("<one>"));
    }

    @Test
    void ticksAreRoundAndInsideTheDomain() {
        LinearScale s = new LinearScale(0.5875, 0.8625, 256, 16);
        List<Double> ticks = new ArrayList<>();
        for (double t : s.ticks(5)) {
            ticks.add(t);
        }
        assertEquals(
                List.of(0.6, 0.65, 0.7, 0.75, 0.8, 0.85),
                ticks.stream().map(t -> Math.round(t * 100) / 100.0).toList());
        assertEquals(256.0, s.map(0.5875), 1e-9);
        assertEquals(16.0, s.map(0.8625), 1e-9);
    }

    @Test
    void funnelHighlightsTheTrustAndDrawsLimitsThroughEachDenominator() {
        ReportModel.Funnel f = PAGE.funnel();
        String svg = FunnelSvg.render(f, "proportion", "increase", "Funnel <x>", "f1");
        FunnelSvg.Layout lay = FunnelSvg.layout(f);
        // x: 0 .. 1.05 * 4000 over 64..704.
        assertEquals(64 + 1000 / 4200.0 * 640, lay.x().map(1000), 1e-9);
        String me = "<circle class=\"me\" cx=\"" + px(64 + 1000 / 4200.0 * 640) + "\" cy=\""
                + px(lay.y().map(0.68)) + "\" r=\"6\" fill=\"" + Palette.COMMON + "\"";
        assertTrue(svg.contains(me), svg);
        assertEquals(2, count(svg, "class=\"peer\""));
        // The 99.8% upper curve passes through each trust's own limit, in denominator order (250, 1000, 4000).
        assertTrue(svg.contains("class=\"upper998\" d=\"M" + px(lay.x().map(250)) + " "
                + px(lay.y().map(0.79)) + "L"
                + px(lay.x().map(1000)) + " " + px(lay.y().map(0.745)) + "L"
                + px(lay.x().map(4000)) + " "
                + px(lay.y().map(0.722)) + "\""));
        assertTrue(svg.contains("Peer &lt;two&gt;"));
        assertEquals(Palette.CONCERN, FunnelSvg.colour("below", "increase"));
        assertEquals(Palette.IMPROVEMENT, FunnelSvg.colour("below", "decrease"));
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
