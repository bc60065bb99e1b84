package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

class DashboardTest {
    private static final String HTML = Dashboard.render(Fixtures.report());

    @Test
    void selfContainedAccessibleDocument() {
        assertTrue(HTML.startsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
        assertTrue(HTML.contains("<title>LHS dashboard: Test &lt;ICB&gt; (QXX)</title>"));
        assertTrue(HTML.contains("<a class=\"skip\" href=\"#main\">Skip to main content</a>"));
        assertTrue(HTML.contains("<main id=\"main\""));
        assertTrue(HTML.contains("@media print"));
        assertTrue(HTML.contains("size:A4"));
        String lower = HTML.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "no script at all (and the quarantined <script> is escaped)");
        assertFalse(lower.contains("src="), "no external resource");
        assertFalse(lower.contains("http://") || lower.contains("https://") || lower.contains("url("));
        assertTrue(HTML.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void oneSpcChartPerChartedSeriesAndIconsInTheMatrix() {
        assertEquals(1, count(HTML, "data-chart=\"spc\""), "RB2's series is not charted");
        assertTrue(HTML.contains("id=\"s-trust-rb2-ae-4hr-all-all\""), "the uncharted series still has its article");
        assertTrue(HTML.contains("This series could not be charted"));
        assertTrue(count(HTML, "data-icon=\"variation\"") >= 2 + 7, "matrix, articles and the guide's 7 icons");
        assertTrue(HTML.contains("<a href=\"#s-trust-ra1-ae-4hr-all-all\""));
        assertEquals(2, count(HTML, "data-chart=\"funnel\""), "a funnel on each trust's page, charted or not");
    }

    @Test
    void interventionSaysAssociatedWithAndNeverCausedBy() {
        assertTrue(HTML.contains("is associated with INT-001 (Front-door &lt;triage&gt;), but the evidence is weak"));
        assertFalse(HTML.toLowerCase(Locale.ROOT).contains("caused by"));
        assertTrue(HTML.contains("Started after unusually poor months."));
        assertTrue(HTML.contains("+3.0 pp"), "proportions as percentage points");
        assertTrue(HTML.contains("+1.0 pp to +5.0 pp"));
        assertTrue(HTML.contains("not run"), "a method without an estimate says so");
        assertTrue(HTML.contains("<td class=\"num\">0.004</td>"), "p-values to 3 decimals");
        String tiny = EffectsSection.render(java.util.List.of(new ReportModel.Effect(
                "I",
                null,
                "trust",
                "R",
                null,
                "x",
                "X",
                "count",
                null,
                null,
                "increase",
                java.util.List.of(new ReportModel.MethodEstimate("its", 1.0, 0.5, 1.5, 1e-9, 6, 6, "")),
                "no_change_detected",
                java.util.List.of(),
                java.util.List.of(),
                null)));
        assertTrue(tiny.contains("<td class=\"num\">&lt;0.001</td>"), tiny);
        for (String a : new String[] {
            "insufficient_data",
            "no_change_detected",
            "change_attribution_weak",
            "change_consistent_with_intervention",
            "change_strongly_consistent"
        }) {
            String s = EffectsSection.attribution(Fixtures.effect(a));
            assertTrue(s.contains("associated with"), s);
            assertFalse(s.toLowerCase(Locale.ROOT).contains("caused"), s);
        }
    }

    @Test
    void dataQualityListsFailuresMissingMonthsAndQuarantine() {
        assertTrue(HTML.contains("2 check(s) failed, 1 passed."));
        assertTrue(HTML.contains("Total &lt;does not&gt; add up"));
        assertTrue(HTML.contains("Late or missing months and rejected files"));
        assertTrue(HTML.contains("No data for the month"));
        assertTrue(HTML.contains("3 row finding(s) in quarantine; the first 1 are shown"));
        assertTrue(
                HTML.contains("<tr><td>ae.csv</td><td class=\"num\">7</td><td>Total</td><td>not a number: "),
                "a quarantined row is listed by file, row, column and reason");
        assertFalse(HTML.contains("Raw text"), "no column for the row's text");
        assertTrue(HTML.contains("gold.spc_summary</td><td class=\"num\">4</td>"));
    }

    @Test
    void dictionaryListsEveryTableAndColumn() {
        String md = DataDictionary.markdown(Tables.all());
        String html = DataDictionary.html(Tables.all());
        for (TableContract t : Tables.all()) {
            assertTrue(md.contains("### " + t.qualifiedName() + "\n"), t.qualifiedName());
            assertTrue(html.contains(">" + t.qualifiedName() + "</h2>"));
            for (StructField f : t.schema().fields()) {
                assertTrue(
                        md.contains("| `" + f.name() + "` | " + f.dataType().simpleString()),
                        t.name() + "." + f.name());
            }
        }
        assertTrue(md.contains("Key: `org_level`, `org_code`, `indicator_id`, `stratum`. Partitioned by: none."));
        assertTrue(md.contains("Partitioned by: `indicator_id`"));
        assertTrue(md.contains("| `value` | double | yes | The indicator: a fraction in [0, 1]"));
        assertFalse(html.contains("Σ numerator <"), "comments are escaped");
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
