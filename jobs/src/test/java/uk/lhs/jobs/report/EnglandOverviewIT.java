package uk.lhs.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.Dashboard;
import uk.lhs.common.report.Html;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.EnglandReport;
import uk.lhs.common.report.ReportModel.LearningRow;
import uk.lhs.common.report.ReportModel.SiteEstimate;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The England overview of the demo lakehouse and a "what works where" page with a forest plot, opened in Debian's
 * headless Chromium: no console errors; one row per system and its icons; the CSS-only sort puts the systems in the
 * order of their latest values in gold.spc_summary_published (read here directly); the "what works where" page of the
 * demo has one forest plot per row of gold.learning_published (or its empty state while there is none), and a page
 * built from a hand-made row draws every site's square, the diamond, the prediction interval and the null line.
 * Screenshots go to {@code jobs/target/report-england/}. Without chromium the test is skipped, except in CI.
 */
class EnglandOverviewIT {
    @Test
    void englandOverviewAndForestPlotsOpenInHeadlessChromium() throws Exception {
        Optional<Path> chromium = HeadlessChromium.binary();
        if (chromium.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is not installed; .ci/run installs Debian's chromium package");
            }
            Assumptions.abort("chromium is not installed (apt-get install --no-install-recommends chromium)");
        }
        JobContext ctx = DemoLakehouse.get().context();
        Path out = SharedData.repoRoot().resolve("jobs/target/report-england");
        Files.createDirectories(out);
        ReportReader reader = new ReportReader(ctx.lakehouse());
        List<ReportReader.SystemInfo> systems = reader.systems();
        Map<String, String> pages = new HashMap<>();
        for (ReportReader.SystemInfo s : systems) {
            pages.put(s.code(), Html.anchor(s.code()) + ".html");
        }
        EnglandReport england = reader.england(pages, "2026-12-07 12:00 UTC");
        Path index = out.resolve("index.html");
        Path learning = out.resolve("learning.html");
        Path forest = out.resolve("learning-fixture.html");
        Files.writeString(index, Dashboard.england(england), StandardCharsets.UTF_8);
        Files.writeString(learning, Dashboard.learning(england), StandardCharsets.UTF_8);
        Files.writeString(forest, Dashboard.learning(withLearning(england)), StandardCharsets.UTF_8);
        long learningRows = Tables.byQualifiedName(ReportReader.LEARNING_PUBLISHED)
                .filter(t -> ctx.lakehouse().exists(t))
                .map((TableContract t) -> ctx.lakehouse().read(t).count())
                .orElse(0L);

        // The first column's indicator, and every system's latest value of it, straight from the table.
        String firstIndicator = england.indicators().get(0).id();
        Map<String, Double> latest = new HashMap<>();
        for (Row r : ctx.lakehouse()
                .read(SpcTables.SPC_SUMMARY_PUBLISHED)
                .where(col("org_level")
                        .equalTo("system")
                        .and(col("stratum").equalTo("all"))
                        .and(col("indicator_id").equalTo(firstIndicator)))
                .collectAsList()) {
            latest.put(r.getAs("org_code"), r.getAs("latest_value"));
        }
        List<String> highestFirst = new ArrayList<>(
                systems.stream().map(ReportReader.SystemInfo::code).toList());
        highestFirst.sort(Comparator.comparing((String c) -> latest.get(c) == null ? 1 : 0)
                .thenComparing(c -> latest.get(c) == null ? 0.0 : -latest.get(c))
                .thenComparing(Comparator.naturalOrder()));

        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get(), out.resolve("chromium-profile"))) {
            browser.send("Page.enable", Map.of());
            browser.send("Runtime.enable", Map.of());
            browser.send("Log.enable", Map.of());
            browser.open(index);
            int rows = browser.eval("document.querySelectorAll('#england tr[data-system]').length")
                    .asInt();
            int icons = browser.eval("Array.from(document.querySelectorAll('#england svg[data-icon=variation]'))"
                            + ".filter(e => e.getBoundingClientRect().width > 0).length")
                    .asInt();
            int funnels = browser.eval("document.querySelectorAll('#funnels svg[data-chart=funnel]').length")
                    .asInt();
            String firstColumn = browser.eval("document.querySelectorAll('#england th[data-indicator]')[0]"
                            + ".getAttribute('data-indicator')")
                    .asText();
            List<String> byCode = visualOrder(browser);
            browser.eval("location.hash = 'sort-2'; true");
            List<String> sorted = visualOrder(browser);
            browser.screenshot(out.resolve("overview-sorted.png"));
            browser.eval("location.hash = ''; window.scrollTo(0, 0); true");
            browser.screenshot(out.resolve("overview.png"));

            assertEquals(systems.size(), rows, "one row per system");
            assertTrue(systems.size() >= 2, "the demo has systems to compare");
            long cells =
                    england.systems().stream().mapToLong(s -> s.cells().size()).sum();
            assertEquals(cells, icons, "a visible variation icon in every cell with a series");
            assertEquals(england.funnels().size(), funnels, "one national funnel per indicator that has one");
            assertTrue(funnels > 0, "the demo has national funnels");
            assertEquals(firstIndicator, firstColumn);
            assertEquals(
                    systems.stream().map(ReportReader.SystemInfo::code).sorted().toList(), byCode);
            assertEquals(highestFirst, sorted, "sorted by " + firstIndicator + ", highest first: " + latest);

            browser.open(learning);
            int forests = browser.eval("document.querySelectorAll('svg[data-chart=forest]').length")
                    .asInt();
            String text = browser.eval("document.getElementById('learning').innerText")
                    .asText();
            assertEquals(learningRows, forests, "one forest plot per row of gold.learning_published");
            if (learningRows == 0) {
                assertTrue(text.contains("No interventions in the register have a type yet"), text);
            }

            browser.open(forest);
            JsonNode shapes = browser.eval("(() => { const s = document.querySelector('svg[data-chart=forest]');"
                    + " return [s.querySelectorAll('rect.site').length, s.querySelectorAll('polygon.pooled').length,"
                    + " s.querySelectorAll('path.pi').length, s.querySelectorAll('line.null').length,"
                    + " s.getBoundingClientRect().width]; })()");
            String forestText = browser.eval("document.getElementById('learning').innerText")
                    .asText();
            browser.eval("document.querySelector('svg[data-chart=forest]').scrollIntoView(); true");
            browser.screenshot(out.resolve("forest.png"));

            assertEquals(4, shapes.get(0).asInt(), "a square per site");
            assertEquals(1, shapes.get(1).asInt(), "the pooled diamond");
            assertEquals(1, shapes.get(2).asInt(), "the prediction interval");
            assertEquals(1, shapes.get(3).asInt(), "the line of no change");
            assertTrue(shapes.get(4).asDouble() > 300, "drawn at a readable width");
            assertTrue(forestText.contains("FEW_SITES") || forestText.contains("Only 4 sites"), forestText);
            assertTrue(forestText.contains("associated with"));
            assertTrue(!forestText.toLowerCase(Locale.ROOT).contains("caused by"));
            assertEquals(List.of(), browser.errors(), "console errors");
        }
        assertTrue(Files.size(out.resolve("overview.png")) > 10_000, "a real screenshot");
    }

    /** The systems' codes in the order their rows appear on screen (top to bottom). */
    private static List<String> visualOrder(HeadlessChromium browser) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : browser.eval("Array.from(document.querySelectorAll('#england tr[data-system]'))"
                + ".map(r => [r.getAttribute('data-system'), r.querySelector('th').getBoundingClientRect().top])"
                + ".sort((a, b) => a[1] - b[1]).map(a => a[0])")) {
            out.add(n.asText());
        }
        return out;
    }

    /** The report with one hand-made pooled row of four sites (a proportion indicator of the demo). */
    private static EnglandReport withLearning(EnglandReport r) {
        var ind = r.indicators().get(0);
        LearningRow row = new LearningRow(
                "same_day_emergency_care",
                ind.id(),
                ind.title(),
                ind.unit(),
                "its",
                "reml",
                4,
                List.of(
                        new SiteEstimate("INT-1", "RA1", "Trust one", 0.04, 0.01, 0.07, 35.0),
                        new SiteEstimate("INT-2", "RB2", "Trust two", 0.01, -0.03, 0.05, 25.0),
                        new SiteEstimate("INT-3", "RC3", "Trust three", 0.06, 0.00, 0.12, 15.0),
                        new SiteEstimate("INT-4", "RD4", "Trust four", 0.02, -0.01, 0.05, 25.0)),
                0.03,
                0.011,
                0.008,
                0.052,
                0.0001,
                20.0,
                3.75,
                3,
                0.29,
                -0.02,
                0.08,
                false,
                List.of(new CaveatNote("FEW_SITES", "warning", "Only 4 sites: the spread is poorly estimated.")),
                "Across 4 trusts the change was associated with a rise of 3.0 percentage points.");
        return new EnglandReport(
                r.indicators(),
                r.systems(),
                r.funnels(),
                List.of(row),
                r.tableVersions(),
                r.latestRunId(),
                r.generatedAt());
    }
}
