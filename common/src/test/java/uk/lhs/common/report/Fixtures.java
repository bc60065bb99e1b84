package uk.lhs.common.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.ChartPoint;
import uk.lhs.common.report.ReportModel.DataQuality;
import uk.lhs.common.report.ReportModel.Effect;
import uk.lhs.common.report.ReportModel.EnglandReport;
import uk.lhs.common.report.ReportModel.Finding;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.FunnelPoint;
import uk.lhs.common.report.ReportModel.IndicatorInfo;
import uk.lhs.common.report.ReportModel.LearningRow;
import uk.lhs.common.report.ReportModel.Marker;
import uk.lhs.common.report.ReportModel.MethodEstimate;
import uk.lhs.common.report.ReportModel.Quarantined;
import uk.lhs.common.report.ReportModel.SeriesKey;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.SiteEstimate;
import uk.lhs.common.report.ReportModel.SystemReport;
import uk.lhs.common.report.ReportModel.SystemRow;
import uk.lhs.common.report.ReportModel.TrustPositions;
import uk.lhs.common.report.ReportModel.ValueRow;

/** Small hand-made dashboard records for the rendering tests. */
final class Fixtures {
    private Fixtures() {}

    static final LocalDate START = LocalDate.of(2024, 4, 1);

    /** A 12-month proportion series: centre 0.7, limits 0.6..0.8, month 6 above the upper limit, month 9 missing. */
    static SeriesPage page(String orgCode, String orgName, String indicator, boolean charted) {
        List<ChartPoint> pts = new ArrayList<>();
        List<ValueRow> vals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            LocalDate d = START.plusMonths(i);
            Double v = i == 9 ? null : i == 6 ? 0.85 : 0.7 + (i % 2 == 0 ? 0.02 : -0.02);
            int phase = i < 8 ? 1 : 2;
            pts.add(new ChartPoint(
                    d,
                    v,
                    phase == 1 ? 0.7 : 0.72,
                    phase == 1 ? 0.6 : 0.62,
                    phase == 1 ? 0.8 : 0.82,
                    i == 6 ? "special_cause_improvement" : "common_cause",
                    phase));
            vals.add(new ValueRow(
                    d,
                    v == null ? null : v * 1000,
                    v == null ? null : 1000.0,
                    v,
                    v == null ? null : v - 0.03,
                    v == null ? null : v + 0.03,
                    0.76,
                    v == null ? "no_data" : "ok",
                    null));
        }
        SeriesSummary s = new SeriesSummary(
                new SeriesKey("trust", orgCode, indicator, "all"),
                orgName,
                "A&E 4-hour <performance>",
                "proportion",
                "increase",
                "pprime",
                charted,
                START.plusMonths(11),
                0.68,
                "improvement_high",
                "inconsistent",
                0.76,
                List.of("Short baseline: limits from 8 points"));
        Funnel f = new Funnel(
                START.plusMonths(11),
                0.7,
                orgCode,
                List.of(
                        new FunnelPoint(orgCode, orgName, 1000, 0.68, 0.67, 0.73, 0.655, 0.745, "within"),
                        new FunnelPoint("RB2", "Peer <two>", 4000, 0.75, 0.685, 0.715, 0.678, 0.722, "above"),
                        new FunnelPoint("RC3", "Peer three", 250, 0.6, 0.64, 0.76, 0.61, 0.79, "below")));
        return new SeriesPage(
                s,
                charted ? pts : List.of(),
                vals,
                List.of(new Marker(START.plusMonths(5), "INT-001"), new Marker(START.minusMonths(3), "INT-OLD")),
                f);
    }

    static Effect effect(String attribution) {
        return new Effect(
                "INT-001",
                "Front-door <triage>",
                "trust",
                "RA1",
                "Trust one",
                "ae_4hr_all",
                "A&E 4-hour performance",
                "proportion",
                START.plusMonths(5),
                START.plusMonths(6),
                "increase",
                List.of(
                        new MethodEstimate("pre_post", 0.03, 0.01, 0.05, 0.004, 5, 6, "Before-and-after ..."),
                        new MethodEstimate("its", 0.025, -0.005, 0.055, 0.09, 5, 6, "ITS ..."),
                        new MethodEstimate("did", null, null, null, null, 5, 6, "not run")),
                attribution,
                List.of("Two of three methods agree"),
                List.of(
                        new CaveatNote("regression_to_mean", "warning", "Started after unusually poor months."),
                        new CaveatNote("short_follow_up", "info", "Only 6 months after.")),
                "ae_4hr_all at RA1 rose by about 3.0 percentage points after INT-001.");
    }

    static SystemReport report() {
        return new SystemReport(
                "QXX",
                "Test <ICB>",
                List.of(page("RA1", "Trust <one>", "ae_4hr_all", true), page("RB2", "Trust two", "ae_4hr_all", false)),
                List.of(effect("change_attribution_weak")),
                new DataQuality(
                        List.of(
                                new Finding(
                                        "ae_total_reconciles",
                                        "error",
                                        false,
                                        "attendances",
                                        "ae.csv",
                                        START,
                                        "100",
                                        "101",
                                        "Total <does not> add up"),
                                new Finding(
                                        "month_missing",
                                        "warning",
                                        false,
                                        "RA1",
                                        "",
                                        START.plusMonths(2),
                                        "0",
                                        "1",
                                        "No data for the month"),
                                new Finding("org_unmapped", "info", true, "RZZ", "", null, "", "", "ok")),
                        List.of(new Quarantined("ae.csv", 7, "Total", "not a number: <script>alert(1)</script>")),
                        3,
                        List.of()),
                Map.of("gold.spc_summary", 4L, "gold.spc_points", 4L),
                "20250101T000000Z-abc",
                "2025-01-01 00:00 UTC");
    }

    /** A system-level summary of one indicator with the given latest value (null = no value). */
    static SeriesSummary systemSummary(String code, String indicator, String title, String unit, Double latest) {
        return new SeriesSummary(
                new SeriesKey("system", code, indicator, "all"),
                "System " + code,
                title,
                unit,
                "increase",
                "pprime",
                latest != null,
                START.plusMonths(11),
                latest,
                latest == null ? null : latest > 0.7 ? "improvement_high" : "common_cause",
                latest == null ? null : "inconsistent",
                0.76,
                List.of());
    }

    /** Three pooled sites (proportions): RC3, RA1, RB2 given out of order, weights 20/50/30 %. */
    static LearningRow learning(String type, boolean withSites) {
        List<SiteEstimate> sites = withSites
                ? List.of(
                        new SiteEstimate("INT-3", "RC3", "Peer three", 0.02, -0.01, 0.05, 20.0),
                        new SiteEstimate("INT-1", "RA1", "Trust <one>", 0.05, 0.01, 0.09, 50.0),
                        new SiteEstimate("INT-2", "RB2", "Trust two", -0.02, -0.08, 0.04, 30.0))
                : List.of();
        return new LearningRow(
                type,
                "ae_4hr_all",
                "A&E 4-hour <performance>",
                "proportion",
                "its",
                "reml",
                sites.size(),
                sites,
                0.03,
                0.0128,
                0.005,
                0.055,
                0.0004,
                38.5,
                3.25,
                2,
                0.197,
                -0.04,
                0.10,
                false,
                List.of(new CaveatNote(
                        "FEW_SITES", "warning", "Only 3 sites: the spread between sites is poorly estimated.")),
                "Across 3 trusts the change was associated with a rise of 3.0 percentage points; in a new trust"
                        + " expect between -4.0 and +10.0.");
    }

    /**
     * The England overview: QXX (page written; trusts RA1, RB2), QYY (no page; trust RC3) and QZZ (no value for the
     * indicator); one indicator with a national funnel, one without.
     */
    static EnglandReport england(List<LearningRow> learning) {
        String t1 = "A&E 4-hour <performance>";
        String t2 = "Spells";
        List<SeriesSummary> cells = List.of(
                systemSummary("QXX", "ae_4hr_all", t1, "proportion", 0.72),
                systemSummary("QYY", "ae_4hr_all", t1, "proportion", 0.65),
                systemSummary("QZZ", "ae_4hr_all", t1, "proportion", null),
                systemSummary("QXX", "spells", t2, "count", 1200.0),
                systemSummary("QYY", "spells", t2, "count", 3400.0),
                systemSummary("QZZ", "spells", t2, "count", 800.0));
        Funnel funnel = page("RA1", "Trust <one>", "ae_4hr_all", true).funnel();
        Funnel national = new Funnel(funnel.period(), funnel.centre(), null, funnel.points());
        List<SystemRow> rows = new ArrayList<>();
        for (String code : List.of("QXX", "QYY", "QZZ")) {
            java.util.Map<String, SeriesSummary> byInd = new java.util.HashMap<>();
            for (SeriesSummary c : cells) {
                if (c.key().orgCode().equals(code)) {
                    byInd.put(c.key().indicatorId(), c);
                }
            }
            java.util.Map<String, TrustPositions> trusts = switch (code) {
                case "QXX" -> Map.of("ae_4hr_all", new TrustPositions(2, 1, 0, 1, 0, 0));
                case "QYY" -> Map.of("ae_4hr_all", new TrustPositions(1, 0, 0, 0, 0, 1));
                default -> Map.of();
            };
            rows.add(new SystemRow(
                    code, "System <" + code + ">", code.equals("QXX") ? "qxx.html" : null, byInd, trusts));
        }
        return new EnglandReport(
                List.of(
                        new IndicatorInfo("ae_4hr_all", t1, "proportion", "increase"),
                        new IndicatorInfo("spells", t2, "count", "neutral")),
                rows,
                Map.of("ae_4hr_all", national),
                learning,
                Map.of("gold.spc_summary_published", 3L),
                "run-1",
                "2026-12-07 14:00 UTC");
    }
}
