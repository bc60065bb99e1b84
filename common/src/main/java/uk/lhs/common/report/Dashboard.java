package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.lhs.common.report.PageShell.NavItem;
import uk.lhs.common.report.ReportModel.EnglandReport;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SystemReport;
import uk.lhs.common.report.ReportModel.SystemRow;

/**
 * The dashboard's pages, each one self-contained HTML file with anchors. A system's page: overview, one article per
 * series (SPC chart, funnel plot, data), interventions, the equity of their effects, data quality, how to read this, and the table versions it was
 * built from. The index page: the England overview of every system against its peers and the national funnels. The
 * "what works where" page: pooled effects of the same kind of change across sites, as forest plots.
 */
public final class Dashboard {
    private Dashboard() {}

    /** File name of the England overview (the dashboard's index page). */
    public static final String INDEX = "index.html";

    /** File name of the "what works where" page. */
    public static final String LEARNING = "learning.html";

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
        body.append(EquitySection.render(r.equity()));
        body.append(ProgrammeSection.render(r.programmes()));
        body.append(QualitySection.render(r.quality()));
        body.append(GuideSection.render());
        body.append(provenance(r.tableVersions()));
        List<NavItem> nav = new ArrayList<>(List.of(
                new NavItem("overview", "Overview"),
                new NavItem("series", "Indicators"),
                new NavItem("interventions", "Interventions"),
                new NavItem("equity", "Equity"),
                new NavItem("quality", "Data quality"),
                new NavItem("guide", "How to read this"),
                new NavItem("provenance", "Sources"),
                new NavItem(INDEX, "England overview"),
                new NavItem(LEARNING, "What works where")));
        return PageShell.page(
                "LHS dashboard: " + r.systemName() + " (" + r.systemCode() + ")",
                "Generated " + r.generatedAt()
                        + (r.latestRunId() == null ? "" : " from pipeline run " + r.latestRunId())
                        + ". Synthetic or published NHS data as loaded in the lakehouse.",
                nav,
                body.toString());
    }

    private static String provenance(Map<String, Long> tableVersions) {
        StringBuilder sb = new StringBuilder();
        sb.append("<section id=\"provenance\" aria-labelledby=\"provenance-h\"><h2 id=\"provenance-h\">Sources</h2>")
                .append(
                        "<p>Built from these Delta table versions (time travel: <code>versionAsOf</code>). The data"
                                + " dictionary is in <a href=\"dictionary.html\">dictionary.html</a>.</p><table><caption>Tables read"
                                + "</caption><thead><tr><th scope=\"col\">Table</th><th scope=\"col\">Version</th></tr></thead><tbody>");
        for (Map.Entry<String, Long> e : new TreeMap<>(tableVersions).entrySet()) {
            sb.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td class=\"num\">")
                    .append(e.getValue())
                    .append("</td></tr>");
        }
        return sb.append("</tbody></table></section>").toString();
    }

    /**
     * The index page: the England overview of every system against its peers, the national funnels, and the sources.
     */
    public static String england(EnglandReport r) {
        StringBuilder body = new StringBuilder(128 * 1024);
        body.append(EnglandSection.render(r));
        body.append("<section id=\"pages\" aria-labelledby=\"pages-h\"><h2 id=\"pages-h\">Pages</h2><ul>"
                + "<li><a href=\"" + LEARNING + "\">What works where</a>: the same kind of change compared across"
                + " sites</li>");
        for (SystemRow s : r.systems()) {
            if (s.page() != null) {
                body.append("<li><a href=\"")
                        .append(esc(s.page()))
                        .append("\">")
                        .append(esc(s.name()))
                        .append(" (")
                        .append(esc(s.code()))
                        .append(")</a></li>");
            }
        }
        body.append("<li><a href=\"dictionary.html\">Data dictionary</a></li></ul></section>");
        body.append(provenance(r.tableVersions()));
        List<NavItem> nav = List.of(
                new NavItem("england", "England overview"),
                new NavItem("funnels", "National funnels"),
                new NavItem(LEARNING, "What works where"),
                new NavItem("pages", "System pages"),
                new NavItem("provenance", "Sources"));
        return PageShell.page(
                "LHS dashboard: England overview",
                subtitle(r),
                nav,
                body.toString(),
                EnglandSection.css(1 + 2 * r.indicators().size()));
    }

    /** The "what works where" page: one forest plot per intervention type, indicator and method. */
    public static String learning(EnglandReport r) {
        String body = LearningSection.render(r.learning()) + provenance(r.tableVersions());
        List<NavItem> nav = List.of(
                new NavItem(INDEX, "England overview"),
                new NavItem("learning", "What works where"),
                new NavItem("provenance", "Sources"));
        return PageShell.page("LHS dashboard: what works where", subtitle(r), nav, body);
    }

    private static String subtitle(EnglandReport r) {
        return "Generated " + r.generatedAt() + (r.latestRunId() == null ? "" : " from pipeline run " + r.latestRunId())
                + ". Synthetic or published NHS data as loaded in the lakehouse.";
    }
}
