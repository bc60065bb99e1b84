package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.lhs.common.report.PageShell.NavItem;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SystemReport;

/**
 * A system's dashboard as one self-contained HTML file with anchors: overview, one article per series (SPC chart,
 * funnel plot, data), interventions, data quality, how to read this, and the table versions it was built from.
 */
public final class Dashboard {
    private Dashboard() {}

    /** The whole HTML document for one system. */
    public static String render(SystemReport r) {
        StringBuilder body = new StringBuilder(256 * 1024);
        body.append(OverviewSection.render(r));
        body.append("<section id=\"series\" aria-labelledby=\"series-h\"><h2 id=\"series-h\">Indicators by"
                        + " organisation</h2><p>")
                .append(r.series().size())
                .append(" series.</p>");
        for (SeriesPage p : r.series()) {
            body.append(SeriesSection.render(p));
        }
        body.append("</section>");
        body.append(EffectsSection.render(r.effects()));
        body.append(ProgrammeSection.render(r.programmes()));
        body.append(QualitySection.render(r.quality()));
        body.append(GuideSection.render());
        body.append(provenance(r));
        List<NavItem> nav = new ArrayList<>(List.of(
                new NavItem("overview", "Overview"),
                new NavItem("series", "Indicators"),
                new NavItem("interventions", "Interventions"),
                new NavItem("quality", "Data quality"),
                new NavItem("guide", "How to read this"),
                new NavItem("provenance", "Sources")));
        return PageShell.page(
                "LHS dashboard: " + r.systemName() + " (" + r.systemCode() + ")",
                "Generated " + r.generatedAt()
                        + (r.latestRunId() == null ? "" : " from pipeline run " + r.latestRunId())
                        + ". Synthetic or published NHS data as loaded in the lakehouse.",
                nav,
                body.toString());
    }

    private static String provenance(SystemReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<section id=\"provenance\" aria-labelledby=\"provenance-h\"><h2 id=\"provenance-h\">Sources</h2>")
                .append(
                        "<p>Built from these Delta table versions (time travel: <code>versionAsOf</code>). The data"
                                + " dictionary is in <a href=\"dictionary.html\">dictionary.html</a>.</p><table><caption>Tables read"
                                + "</caption><thead><tr><th scope=\"col\">Table</th><th scope=\"col\">Version</th></tr></thead><tbody>");
        for (Map.Entry<String, Long> e : new TreeMap<>(r.tableVersions()).entrySet()) {
            sb.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td class=\"num\">")
                    .append(e.getValue())
                    .append("</td></tr>");
        }
        return sb.append("</tbody></table></section>").toString();
    }

    /**
     * The index page listing every system's dashboard.
     *
     * @param systems system code to (name, file name), in display order
     * @param generatedAt when (UTC text)
     */
    public static String index(Map<String, String[]> systems, String generatedAt) {
        StringBuilder body = new StringBuilder();
        body.append("<section id=\"systems\" aria-labelledby=\"systems-h\"><h2 id=\"systems-h\">Systems</h2><ul>");
        for (Map.Entry<String, String[]> e : systems.entrySet()) {
            body.append("<li><a href=\"")
                    .append(esc(e.getValue()[1]))
                    .append("\">")
                    .append(esc(e.getValue()[0]))
                    .append(" (")
                    .append(esc(e.getKey()))
                    .append(")</a></li>");
        }
        body.append("</ul><p><a href=\"dictionary.html\">Data dictionary</a></p></section>");
        return PageShell.page("LHS dashboards", "Generated " + generatedAt, List.of(), body.toString());
    }
}
