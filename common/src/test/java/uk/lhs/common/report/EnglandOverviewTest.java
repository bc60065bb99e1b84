package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.EnglandReport;

class EnglandOverviewTest {
    private static final EnglandReport REPORT = Fixtures.england(
            List.of(Fixtures.learning("same_day_emergency_care", true), Fixtures.learning("virtual_ward", true)));
    private static final String INDEX = Dashboard.england(REPORT);
    private static final String LEARNING = Dashboard.learning(REPORT);

    @Test
    void oneRowPerSystemWithIconsValuesAndLinksToTheSystemPage() throws Exception {
        // Written for a look in a browser (target/ only).
        Path out = Path.of("target/report-england");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), INDEX, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("learning.html"), LEARNING, StandardCharsets.UTF_8);

        assertEquals(3, count(INDEX, "<tr role=\"row\" data-system="));
        assertTrue(INDEX.contains("<a href=\"qxx.html\">System &lt;QXX&gt; (QXX)</a>"));
        assertTrue(INDEX.contains("href=\"qxx.html#s-system-qxx-ae-4hr-all-all\""), "cell links to the chart");
        assertFalse(INDEX.contains("qyy.html"), "no link to a page not written");
        assertEquals(6, count(INDEX, "data-icon=\"variation\""), "one per system x indicator series");
        assertTrue(INDEX.contains("<strong>72.0%</strong>") && INDEX.contains("<strong>3,400</strong>"));
        assertTrue(INDEX.contains("Special-cause improvement: significantly higher"), "icons in words");
        String lower = INDEX.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "sorting without script");
        assertFalse(lower.contains("http://") || lower.contains("https://") || lower.contains("src="));
        assertTrue(INDEX.contains("href=\"learning.html\""), "what works where in the navigation");
    }

    @Test
    void everySortOrderHasItsRanksItsTargetAndItsCssRule() {
        // Columns: ae_4hr_all (QXX 0.72, QYY 0.65, QZZ none), spells (1200, 3400, 800).
        int[][] ranks = EnglandSection.ranks(REPORT);
        assertArrayEquals(new int[] {0, 1, 2}, ranks[0], "by code");
        assertArrayEquals(new int[] {1, 0, 2}, ranks[1], "ae lowest first: QYY, QXX, then QZZ without a value");
        assertArrayEquals(new int[] {0, 1, 2}, ranks[2], "ae highest first: QXX, QYY, QZZ last still");
        assertArrayEquals(new int[] {1, 2, 0}, ranks[3], "spells lowest first: QZZ, QXX, QYY");
        assertArrayEquals(new int[] {1, 0, 2}, ranks[4], "spells highest first: QYY, QXX, QZZ");
        assertTrue(INDEX.contains("data-system=\"QYY\" style=\"--k0:1;--k1:0;--k2:1;--k3:2;--k4:0;\""), INDEX);
        for (int k = 0; k < 5; k++) {
            assertTrue(INDEX.contains("<span class=\"sort-target\" id=\"sort-" + k + "\"></span>"), "target " + k);
            assertTrue(INDEX.contains("href=\"#sort-" + k + "\""), "link " + k);
        }
        for (int k = 1; k < 5; k++) {
            assertTrue(
                    INDEX.contains("#sort-" + k + ":target~.sortwrap .sortable tbody>tr>*{order:var(--k" + k + ")}"),
                    "rule " + k);
        }
        assertFalse(INDEX.contains("#sort-5"), "no order beyond the columns");
    }

    @Test
    void trustsPositionInTheNationalFunnelLinksToIt() {
        Matcher m = Pattern.compile("<a class=\"fpos small\" data-above998=\"(\\d+)\" data-below998=\"(\\d+)\""
                        + " href=\"#funnel-ae-4hr-all\"")
                .matcher(INDEX);
        assertTrue(m.find());
        assertEquals("1", m.group(1), "QXX: one trust above the 99.8% limits");
        assertTrue(m.find());
        assertEquals("1", m.group(2), "QYY: one trust below");
        assertFalse(m.find(), "QZZ has no trust in the funnel");
        assertTrue(INDEX.contains("2 trusts: 1▲ 0▼"));
        assertEquals(1, count(INDEX, "data-chart=\"funnel\""), "one national funnel: spells has none");
        assertTrue(INDEX.contains("id=\"funnel-ae-4hr-all\""));
        assertFalse(INDEX.contains("class=\"me\""), "the national funnel highlights no trust");
    }

    @Test
    void whatWorksWhereHasAForestPlotPerRowWithStatisticsCaveatsAndStatement() {
        assertEquals(2, count(LEARNING, "data-chart=\"forest\""));
        assertEquals(2, count(LEARNING, "<article class=\"learning\""));
        assertTrue(LEARNING.contains("id=\"l-same-day-emergency-care-ae-4hr-all-its\""));
        assertTrue(LEARNING.contains(
                "Same day emergency care: A&amp;E 4-hour &lt;performance&gt;" + " (Interrupted time series)"));
        assertTrue(LEARNING.contains("<td class=\"num\">3</td>"), "k");
        assertTrue(LEARNING.contains("Random effects (REML)"));
        assertTrue(LEARNING.contains("<td class=\"num\">-4.0 pp to +10.0 pp</td>"), "prediction interval");
        assertTrue(LEARNING.contains("<td class=\"num\">0.000400 (τ 2.0 pp)</td>"), "tau2 and tau");
        assertTrue(LEARNING.contains("<td class=\"num\">39%</td>") || LEARNING.contains("<td class=\"num\">38%</td>"));
        assertTrue(LEARNING.contains("3.25 on 2 df, p = 0.197"), "Cochran's Q");
        assertTrue(LEARNING.contains("data-code=\"FEW_SITES\"") && LEARNING.contains("poorly estimated"));
        assertTrue(LEARNING.contains("associated with a rise"));
        assertFalse(LEARNING.toLowerCase(Locale.ROOT).contains("caused by"));
        assertTrue(LEARNING.contains("href=\"index.html\""), "back to the overview");
    }

    @Test
    void whatWorksWhereWithoutTypedInterventionsSaysSo() {
        String empty = Dashboard.learning(Fixtures.england(List.of()));
        assertTrue(empty.contains("<p class=\"empty\">No interventions in the register have a type yet"));
        assertFalse(empty.contains("data-chart=\"forest\""));
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
