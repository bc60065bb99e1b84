package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ProgrammeSection.Cohort;
import uk.lhs.common.report.ProgrammeSection.EventTime;
import uk.lhs.common.report.ProgrammeSection.Programme;

class ProgrammeSectionTest {
    static final Programme PROGRAMME = new Programme(
            "PRG-001",
            "Booking hub <spread>",
            "rtt_18wk",
            "Within 18 weeks",
            "proportion",
            "increase",
            "change_consistent_with_intervention",
            List.of("After adoption the indicator moved in the intended direction."),
            List.of(new ReportModel.CaveatNote("TWFE_HETEROGENEITY", "info", "TWFE disagrees.")),
            "rtt_18wk rose by about 3.0 percentage points; the change is associated with the programme.",
            0.03,
            0.02,
            0.04,
            0.01,
            0.005,
            0.015,
            0.42,
            List.of(
                    new Cohort(LocalDate.of(2023, 12, 1), List.of("RA1", "RA2"), 0.04, 0.03, 0.05),
                    new Cohort(LocalDate.of(2024, 6, 1), List.of("RB1"), 0.01, -0.01, 0.03)),
            List.of(
                    new EventTime(-2, 0.001, -0.01, 0.012),
                    new EventTime(-1, -0.002, -0.02, 0.01),
                    new EventTime(0, 0.005, -0.005, 0.015),
                    new EventTime(1, 0.02, 0.01, 0.03),
                    new EventTime(2, 0.04, 0.03, 0.05),
                    new EventTime(3, null, null, null),
                    new EventTime(4, 0.05, 0.04, 0.06)));

    // x: event times -2..4 (7 columns) over the domain -2.5..4.5 drawn from x = 64 to 704, 640/7 px per month.
    // y: values span -0.02 (a band) to 0.06, padded by 5% of 0.08: -0.024..0.064 drawn from y = 256 up to y = 16.
    // Computed by hand, not by the code.
    private static double x(double e) {
        return 64 + (e + 2.5) * 640 / 7.0;
    }

    private static double y(double v) {
        return 256 - (v + 0.024) / 0.088 * 240;
    }

    private static String px(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    @Test
    void zeroLineAndAdoptionLineAreWhereTheyBelong() {
        String svg = ProgrammeSection.eventStudy(PROGRAMME);
        assertTrue(svg.contains("data-role=\"zero\" x1=\"64\" x2=\"704\" y1=\"" + px(y(0)) + "\""), svg);
        assertEquals("190.5", px(y(0)));
        // Adoption: half-way between event time -1 (last month before) and 0 (first month after).
        assertTrue(svg.contains("data-role=\"adoption\" x1=\"" + px(x(-0.5)) + "\" x2=\"" + px(x(-0.5)) + "\""), svg);
        assertEquals("246.9", px(x(-0.5)));
    }

    @Test
    void eachEventTimeHasItsBandAndEstimateAndAGapStaysEmpty() {
        String svg = ProgrammeSection.eventStudy(PROGRAMME);
        Matcher m = Pattern.compile(
                        "data-role=\"estimate\" cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"3.5\" fill=\"([#0-9a-f]+)\"")
                .matcher(svg);
        int n = 0;
        double[] es = {-2, -1, 0, 1, 2, 4};
        double[] vs = {0.001, -0.002, 0.005, 0.02, 0.04, 0.05};
        while (m.find()) {
            assertEquals(px(x(es[n])), m.group(1));
            assertEquals(px(y(vs[n])), m.group(2));
            assertEquals(es[n] < 0 ? Palette.COMMON : Palette.IMPROVEMENT, m.group(3), "pre-adoption in grey");
            n++;
        }
        assertEquals(6, n, "event time 3 has no estimate");
        assertEquals(6, svg.split("data-role=\"band\"", -1).length - 1);
        // The band of event time 4 runs from 0.06 (top) down to 0.04.
        assertTrue(svg.contains("y=\"" + px(y(0.06)) + "\" height=\"" + px(y(0.04) - y(0.06)) + "\""), svg);
        assertTrue(y(0.05) < y(0), "a positive effect is drawn above the zero line");
    }

    @Test
    void theSectionIsWellFormedAndSpeaksOfAssociation() throws Exception {
        String html = ProgrammeSection.render(List.of(PROGRAMME));
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(
                        ("<root>" + html.replace("<br>", "<br/>") + "</root>").getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.contains("Booking hub &lt;spread&gt;"), "titles are escaped");
        assertTrue(html.contains("is associated with PRG-001"));
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("caused"));
        assertTrue(html.contains("RA1, RA2"));
        assertTrue(html.contains("Two-way fixed effects (for comparison only)"));
        assertTrue(html.contains("+3.0 pp") && html.contains("+2.0 pp to +4.0 pp"), html);
        assertEquals("", ProgrammeSection.render(List.of()), "no programme, no section");
        assertTrue(Dashboard.render(withProgramme()).contains("id=\"" + PROGRAMME.anchor() + "\""));
    }

    private static ReportModel.SystemReport withProgramme() {
        ReportModel.SystemReport r = Fixtures.report();
        return new ReportModel.SystemReport(
                r.systemCode(),
                r.systemName(),
                r.series(),
                r.effects(),
                r.quality(),
                r.tableVersions(),
                r.latestRunId(),
                r.generatedAt(),
                List.of(),
                List.of(PROGRAMME));
    }
}
