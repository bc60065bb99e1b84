package uk.lhs.common.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.ChartPoint;
import uk.lhs.common.report.ReportModel.DataQuality;
import uk.lhs.common.report.ReportModel.Effect;
import uk.lhs.common.report.ReportModel.Finding;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.FunnelPoint;
import uk.lhs.common.report.ReportModel.Marker;
import uk.lhs.common.report.ReportModel.MethodEstimate;
import uk.lhs.common.report.ReportModel.Quarantined;
import uk.lhs.common.report.ReportModel.SeriesKey;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.SystemReport;
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
}
