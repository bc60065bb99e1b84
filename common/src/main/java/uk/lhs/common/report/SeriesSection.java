package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.List;
import uk.lhs.common.report.ReportModel.ChartPoint;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.ValueRow;
import uk.lhs.common.vocab.Stratum;

/** One indicator and organisation: the icons, the SPC chart, the funnel plot against peer trusts and the data. */
final class SeriesSection {
    private SeriesSection() {}

    static String render(SeriesPage page) {
        SeriesSummary s = page.summary();
        String id = s.key().anchor();
        String unit = s.unit();
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<article class=\"series\" id=\"")
                .append(id)
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("-h\"><h3 id=\"")
                .append(id)
                .append("-h\">")
                .append(esc(s.indicatorTitle()))
                .append(" — ")
                .append(esc(s.orgName() == null ? s.key().orgCode() : s.orgName()))
                .append(" (")
                .append(esc(s.key().orgCode()))
                .append(")")
                .append(
                        Stratum.ALL.equals(s.key().stratum())
                                ? ""
                                : ", " + esc(s.key().stratum()))
                .append("</h3>");
        sb.append("<p><span class=\"icons\">")
                .append(Icons.variationSvg(s.variationIcon()))
                .append(Icons.assuranceSvg(s.assuranceIcon()))
                .append("</span> Latest (")
                .append(esc(ValueFormat.month(s.latestPeriod())))
                .append("): <strong>")
                .append(esc(ValueFormat.value(s.latestValue(), unit)))
                .append("</strong>");
        if (s.target() != null) {
            sb.append("; target ").append(esc(ValueFormat.value(s.target(), unit)));
        }
        sb.append(". ")
                .append(esc(direction(s.improvementDirection())))
                .append(" Chart: ")
                .append(esc(s.chartType()))
                .append(". Unit: ")
                .append(esc(unit))
                .append(".</p>");
        for (String w : s.warnings()) {
            sb.append("<p class=\"warn\">").append(esc(w)).append("</p>");
        }
        if (s.charted() && !page.points().isEmpty()) {
            sb.append("<figure>")
                    .append(SpcChartSvg.render(page))
                    .append("<figcaption>")
                    .append(legend())
                    .append("</figcaption></figure>");
        } else {
            sb.append("<p class=\"warn\">This series could not be charted (see the warnings above).</p>");
        }
        if (page.funnel() != null && !page.funnel().points().isEmpty()) {
            sb.append("<figure>")
                    .append(FunnelSvg.render(
                            page.funnel(),
                            unit,
                            s.improvementDirection(),
                            "Funnel plot of " + s.indicatorTitle() + ", "
                                    + ValueFormat.month(page.funnel().period()) + ": "
                                    + s.key().orgCode() + " against peer trusts",
                            id + "-f"))
                    .append("<figcaption>Funnel plot, ")
                    .append(esc(ValueFormat.month(page.funnel().period())))
                    .append(": each dot is a trust; ")
                    .append(esc(s.key().orgCode()))
                    .append(" is ringed. Dashed lines: 95%"
                            + " limits; solid: 99.8% limits around the average of all trusts. Outside the 99.8% limits is"
                            + " unlikely to be chance alone.</figcaption></figure>");
        }
        table(sb, page, s, id);
        return sb.append("</article>").toString();
    }

    private static String direction(String d) {
        return switch (d == null ? "" : d) {
            case "increase" -> "Higher is better.";
            case "decrease" -> "Lower is better.";
            default -> "Neither direction is better.";
        };
    }

    static String legend() {
        return "<ul class=\"legend\"><li><span class=\"sw\" style=\"background:" + Palette.COMMON
                + "\"></span>common cause</li><li><span class=\"sw\" style=\"background:" + Palette.IMPROVEMENT
                + "\"></span>special cause: improvement</li><li><span class=\"sw\" style=\"background:"
                + Palette.CONCERN
                + "\"></span>special cause: concern</li><li><span class=\"sw\" style=\"background:" + Palette.NEUTRAL
                + "\"></span>special cause: no preferred direction</li><li>solid line: mean; dashed: process limits;"
                + " dash-dot red: target; black triangle: intervention start</li></ul>";
    }

    private static void table(StringBuilder sb, SeriesPage page, SeriesSummary s, String id) {
        List<ValueRow> rows = page.values();
        if (rows.isEmpty()) {
            return;
        }
        String unit = s.unit();
        sb.append("<table id=\"")
                .append(id)
                .append("-data\"><caption>")
                .append(esc(s.indicatorTitle()))
                .append(", ")
                .append(esc(s.key().orgCode()))
                .append(", data by month</caption><thead><tr><th scope=\"col\">Month</th>")
                .append(
                        "<th scope=\"col\">Numerator</th><th scope=\"col\">Denominator</th><th scope=\"col\">Value</th>")
                .append("<th scope=\"col\">95% interval</th><th scope=\"col\">Target</th><th scope=\"col\">Status</th>")
                .append("<th scope=\"col\">SPC</th></tr></thead><tbody>");
        for (ValueRow v : rows) {
            String type = "";
            for (ChartPoint p : page.points()) {
                if (p.period().equals(v.period())) {
                    type = SpcChartSvg.words(p.pointType());
                }
            }
            sb.append("<tr><td>")
                    .append(esc(ValueFormat.month(v.period())))
                    .append("</td><td class=\"num\">")
                    .append(esc(v.numerator() == null ? "–" : ValueFormat.number(v.numerator())))
                    .append("</td><td class=\"num\">")
                    .append(esc(v.denominator() == null ? "–" : ValueFormat.number(v.denominator())))
                    .append("</td><td class=\"num\">")
                    .append(esc(v.display() != null ? v.display() : ValueFormat.value(v.value(), unit)))
                    .append("</td><td class=\"num\">")
                    .append(
                            v.ciLower() == null || v.ciUpper() == null
                                    ? "–"
                                    : esc(ValueFormat.value(v.ciLower(), unit)) + " to "
                                            + esc(ValueFormat.value(v.ciUpper(), unit)))
                    .append("</td><td class=\"num\">")
                    .append(esc(ValueFormat.value(v.target(), unit)))
                    .append("</td><td>")
                    .append(esc(v.status()))
                    .append("</td><td>")
                    .append(esc(type))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }
}
