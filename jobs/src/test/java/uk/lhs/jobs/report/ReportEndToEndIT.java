package uk.lhs.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.SeriesKey;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The dashboard of one system of the demo lakehouse, opened in Debian's headless Chromium: no console errors, one SPC
 * chart per charted series of the system in gold.spc_summary_published (read here directly, not through the report's reader),
 * the icons present, render time under 2 s and the file under 5 MB. Screenshots go to
 * {@code jobs/target/report-e2e/}. Without chromium the test is skipped, except in CI (CI=true), where it fails.
 */
class ReportEndToEndIT {
    /** The limits. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    static final double MAX_RENDER_MS = 2000;

    @Test
    void dashboardOfOneSystemOpensInHeadlessChromium() throws Exception {
        Optional<Path> chromium = HeadlessChromium.binary();
        if (chromium.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is not installed; .ci/run installs Debian's chromium package");
            }
            Assumptions.abort("chromium is not installed (apt-get install --no-install-recommends chromium)");
        }
        JobContext ctx = DemoLakehouse.get().context();
        Path out = SharedData.repoRoot().resolve("jobs/target/report-e2e");
        deleteRecursively(out);

        long t0 = System.nanoTime();
        ReportReader reader = new ReportReader(ctx.lakehouse());
        // The system with the most evaluated interventions (then the most trusts), so every kind of page is exercised.
        List<Row> effects = ctx.lakehouse()
                .read(EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED)
                .select("intervention_id", "org_level", "org_code", "indicator_id")
                .distinct()
                .collectAsList();
        ReportReader.SystemInfo sys = reader.systems().stream()
                .max(Comparator.comparingLong((ReportReader.SystemInfo s) ->
                                effects.stream().filter(e -> belongs(s, e)).count())
                        .thenComparingInt(s -> s.trusts().size()))
                .orElseThrow();
        long expectedEffects = effects.stream().filter(e -> belongs(sys, e)).count();
        List<ReportWriter.Written> written = ReportWriter.write(reader, out, sys.code(), Clock.systemUTC());
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, written.size());
        Path page = written.get(0).file();
        long bytes = Files.size(page);
        assertTrue(bytes < MAX_BYTES, "HTML " + bytes + " bytes");
        for (String f : new String[] {"index.html", "learning.html", "dictionary.html", "dictionary.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }

        // The series the page must chart, straight from the table.
        Column mine = col("org_level")
                .equalTo("system")
                .and(col("org_code").equalTo(sys.code()))
                .or(col("org_level")
                        .equalTo("trust")
                        .and(col("org_code").isin(sys.trusts().toArray())));
        TreeSet<String> allSeries = new TreeSet<>();
        TreeSet<String> charted = new TreeSet<>();
        for (Row r : ctx.lakehouse()
                .read(SpcTables.SPC_SUMMARY_PUBLISHED)
                .where(mine)
                .collectAsList()) {
            String anchor = new SeriesKey(
                            r.getAs("org_level"), r.getAs("org_code"), r.getAs("indicator_id"), r.getAs("stratum"))
                    .anchor();
            allSeries.add(anchor);
            if (r.<Boolean>getAs("charted")) {
                charted.add(anchor);
            }
        }
        assertFalse(charted.isEmpty(), "the demo system has charted series");
        // Programmes (staggered rollouts) with a rollout trust in the system: one event study each.
        long expectedProgrammes = ctx
                .lakehouse()
                .read(EvaluationTables.PROGRAMME_EFFECTS_PUBLISHED)
                .where(col("aggregation").equalTo("summary"))
                .collectAsList()
                .stream()
                .filter(r -> r.<String>getList(r.fieldIndex("trusts")).stream().anyMatch(sys.trusts()::contains))
                .count();

        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get(), out.resolve("chromium-profile"))) {
            browser.send("Page.enable", Map.of());
            browser.send("Runtime.enable", Map.of());
            browser.send("Log.enable", Map.of());
            browser.send("Page.navigate", Map.of("url", page.toUri().toString()));
            browser.await("Page.loadEventFired");
            JsonNode nav = browser.eval("performance.getEntriesByType('navigation')[0].toJSON()");
            double renderMs = nav.get("loadEventEnd").asDouble();
            TreeSet<String> chartsShown = new TreeSet<>();
            for (JsonNode s : browser.eval("Array.from(document.querySelectorAll('svg[data-chart=spc]'))"
                    + ".map(e => e.getAttribute('data-series'))")) {
                chartsShown.add(s.asText());
            }
            TreeSet<String> articles = new TreeSet<>();
            for (JsonNode s : browser.eval("Array.from(document.querySelectorAll('article.series')).map(e => e.id)")) {
                articles.add(s.asText());
            }
            int effectCount = browser.eval("document.querySelectorAll('article.effect').length")
                    .asInt();
            String effectsText = browser.eval("document.getElementById('interventions').innerText")
                    .asText();
            int spcCount = browser.eval("document.querySelectorAll('svg[data-chart=spc]').length")
                    .asInt();
            int matrixIcons = browser.eval("document.querySelectorAll('#overview svg[data-icon=variation]').length")
                    .asInt();
            int visibleIcons = browser.eval("Array.from(document.querySelectorAll('svg[data-icon]'))"
                            + ".filter(e => e.getBoundingClientRect().width > 0).length")
                    .asInt();
            int eventStudies = browser.eval("document.querySelectorAll('svg[data-chart=event-study]').length")
                    .asInt();
            String firstFocus =
                    browser.eval("document.querySelector('a').className").asText();
            browser.screenshot(out.resolve("overview.png"));
            browser.eval("document.querySelector('svg[data-chart=spc]').closest('article').scrollIntoView(); true");
            browser.screenshot(out.resolve("chart.png"));

            assertEquals(List.of(), browser.errors(), "console errors");
            assertEquals(charted, chartsShown, "one SPC chart per charted series of " + sys.code());
            assertEquals(charted.size(), spcCount, "no series charted twice");
            assertEquals(allSeries, articles, "every series of gold.spc_summary_published has its section");
            assertTrue(expectedEffects > 0, "the demo evaluates interventions in " + sys.code());
            assertEquals(expectedEffects, effectCount, "one section per intervention x organisation x indicator");
            assertTrue(effectsText.contains("associated with"), effectsText);
            assertFalse(effectsText.toLowerCase(Locale.ROOT).contains("caused by"));
            assertTrue(matrixIcons > 0 && visibleIcons >= matrixIcons, "icons drawn");
            assertEquals("skip", firstFocus, "the skip link is the first link");
            assertTrue(expectedProgrammes > 0, "the demo's programme reaches " + sys.code());
            assertEquals(expectedProgrammes, eventStudies, "one event study per programme x indicator");
            assertTrue(renderMs < MAX_RENDER_MS, "render " + renderMs + " ms");
            String figures = String.format(
                    Locale.ROOT,
                    "system %s: %d series (%d charted), %d intervention sections,"
                            + " HTML %.1f KB, rendered in %.0f ms (load event end), report written in %.1f s%n",
                    sys.code(),
                    allSeries.size(),
                    charted.size(),
                    effectCount,
                    bytes / 1024.0,
                    renderMs,
                    writeSeconds);
            Files.writeString(out.resolve("figures.txt"), figures, StandardCharsets.UTF_8);
            System.out.print(figures);
        }
        assertTrue(Files.size(out.resolve("overview.png")) > 10_000, "a real screenshot");
    }

    private static boolean belongs(ReportReader.SystemInfo s, Row effect) {
        String level = effect.getAs("org_level");
        String code = effect.getAs("org_code");
        return "system".equals(level) ? s.code().equals(code) : s.trusts().contains(code);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
