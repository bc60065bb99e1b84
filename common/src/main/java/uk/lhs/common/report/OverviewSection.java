package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.SystemReport;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;

/**
 * The overview: a matrix of organisations (the system, then its trusts) by indicator, each cell showing the MDC
 * variation and assurance icons, the latest value and the target, and linking to the series' chart. Strata other
 * than "all" are listed below the matrix.
 */
final class OverviewSection {
    private OverviewSection() {}

    static String render(SystemReport r) {
        Map<String, String> indicators = new LinkedHashMap<>();
        Map<String, String> orgs = new LinkedHashMap<>();
        Map<String, SeriesSummary> cells = new LinkedHashMap<>();
        List<SeriesSummary> strata = new ArrayList<>();
        for (SeriesPage p : r.series()) {
            SeriesSummary s = p.summary();
            if (!Stratum.ALL.equals(s.key().stratum())) {
                strata.add(s);
                continue;
            }
            indicators.putIfAbsent(s.key().indicatorId(), s.indicatorTitle());
            orgs.putIfAbsent(
                    orgKey(s),
                    (s.orgName() == null ? s.key().orgCode() : s.orgName()) + " ("
                            + s.key().orgCode() + ")"
                            + (OrgLevel.SYSTEM.label().equals(s.key().orgLevel()) ? ", system" : ""));
            cells.put(orgKey(s) + "|" + s.key().indicatorId(), s);
        }
        StringBuilder sb = new StringBuilder(32_768);
        sb.append("<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">Overview: ")
                .append(esc(r.systemName()))
                .append(" (")
                .append(esc(r.systemCode()))
                .append(")</h2>")
                .append("<p>Each cell shows the latest month's <strong>variation</strong> icon (is something unusual"
                        + " happening?) and <strong>assurance</strong> icon (will the target be met?), the latest value and the"
                        + " target. Select a cell for its chart. <a href=\"#guide\">How to read this</a>.</p>");
        sb.append("<div role=\"region\" aria-label=\"Indicator matrix\" tabindex=\"0\" style=\"overflow-x:auto\">")
                .append(
                        "<table class=\"matrix\"><caption>Organisations by indicator, latest month</caption><thead><tr>")
                .append("<th scope=\"col\">Organisation</th>");
        for (String title : indicators.values()) {
            sb.append("<th scope=\"col\">").append(esc(title)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (Map.Entry<String, String> org : orgs.entrySet()) {
            sb.append("<tr><th scope=\"row\">").append(esc(org.getValue())).append("</th>");
            for (String ind : indicators.keySet()) {
                SeriesSummary s = cells.get(org.getKey() + "|" + ind);
                sb.append("<td>");
                if (s != null) {
                    cell(sb, s);
                } else {
                    sb.append("<span class=\"small\">not reported</span>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table></div>");
        if (!strata.isEmpty()) {
            sb.append("<h3>Population subgroups</h3><ul>");
            for (SeriesSummary s : strata) {
                sb.append("<li><a href=\"#")
                        .append(s.key().anchor())
                        .append("\">")
                        .append(esc(s.indicatorTitle()))
                        .append(", ")
                        .append(esc(s.key().stratum()))
                        .append(" — ")
                        .append(esc(s.key().orgCode()))
                        .append("</a> <span class=\"icons\">")
                        .append(Icons.variationSvg(s.variationIcon()))
                        .append(Icons.assuranceSvg(s.assuranceIcon()))
                        .append("</span></li>");
            }
            sb.append("</ul>");
        }
        return sb.append("</section>").toString();
    }

    private static String orgKey(SeriesSummary s) {
        return s.key().orgLevel() + ":" + s.key().orgCode();
    }

    private static void cell(StringBuilder sb, SeriesSummary s) {
        sb.append("<a href=\"#")
                .append(s.key().anchor())
                .append("\" aria-label=\"")
                .append(esc(s.indicatorTitle() + ", " + s.key().orgCode() + ": latest "
                        + ValueFormat.value(s.latestValue(), s.unit())
                        + (s.target() == null ? "" : ", target " + ValueFormat.value(s.target(), s.unit()))
                        + ". " + Icons.variation(s.variationIcon()).words()
                        + (Icons.assurance(s.assuranceIcon()) == null
                                ? ""
                                : ". " + Icons.assurance(s.assuranceIcon()).words())))
                .append("\"><span class=\"icons\">")
                .append(Icons.variationSvg(s.variationIcon()))
                .append(Icons.assuranceSvg(s.assuranceIcon()))
                .append("</span><br><strong>")
                .append(esc(ValueFormat.value(s.latestValue(), s.unit())))
                .append("</strong>");
        if (s.target() != null) {
            sb.append("<br><span class=\"small\">target ")
                    .append(esc(ValueFormat.value(s.target(), s.unit())))
                    .append("</span>");
        }
        sb.append("</a>");
    }
}
