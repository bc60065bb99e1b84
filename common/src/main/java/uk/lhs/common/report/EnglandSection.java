package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import uk.lhs.common.report.ReportModel.EnglandReport;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.IndicatorInfo;
import uk.lhs.common.report.ReportModel.SeriesKey;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.SystemRow;
import uk.lhs.common.report.ReportModel.TrustPositions;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;

/**
 * The England overview: systems (ICBs) by indicator, each cell with the system's MDC variation and assurance icons,
 * its latest value, and where the system's trusts sit in the indicator's national funnel; then one national funnel
 * per indicator.
 *
 * <p>The table sorts without script (the pages carry none): every row carries its rank under each sort order as a CSS
 * custom property ({@code --k0} by code, {@code --k(2j+1)} by indicator j lowest first, {@code --k(2j+2)} highest
 * first); the table is a CSS grid whose rows are {@code display: contents}, so each cell is a grid item ordered by
 * the rank of the order selected by the URL fragment ({@code #sort-n:target}). A browser without CSS grid shows the
 * table in code order, and the ARIA roles keep the table's semantics for screen readers.
 */
final class EnglandSection {
    private EnglandSection() {}

    static String render(EnglandReport r) {
        List<IndicatorInfo> inds = r.indicators();
        List<SystemRow> systems = r.systems();
        int[][] ranks = ranks(r);
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<section id=\"england\" aria-labelledby=\"england-h\"><h2 id=\"england-h\">England overview:"
                        + " systems side by side</h2>")
                .append("<p>One row per integrated care system, one column per indicator. Each cell shows the system's"
                        + " latest <strong>variation</strong> and <strong>assurance</strong> icons and latest value (select"
                        + " it for the system's chart), and how many of the system's trusts sit outside the national funnel"
                        + " limits of trusts (▲ above, ▼ below the 99.8% limits; select it for the funnel). Sort by a column"
                        + " with its ▲ (lowest first) and ▼ (highest first) links.</p>");
        if (systems.isEmpty() || inds.isEmpty()) {
            sb.append("<p class=\"empty\">No system-level series have been published yet.</p>");
        } else {
            int keys = 1 + 2 * inds.size();
            for (int k = 0; k < keys; k++) {
                sb.append("<span class=\"sort-target\" id=\"sort-").append(k).append("\"></span>");
            }
            sb.append("<div class=\"sortwrap\" role=\"region\" aria-label=\"Systems by indicator\" tabindex=\"0\">")
                    .append("<table class=\"sortable england\" role=\"table\" style=\"grid-template-columns:"
                            + "minmax(180px,auto) repeat(")
                    .append(inds.size())
                    .append(",minmax(120px,auto))\"><caption>Systems by indicator, latest month</caption>")
                    .append("<thead><tr role=\"row\"><th role=\"columnheader\" scope=\"col\">System<br>")
                    .append("<a class=\"sort\" href=\"#sort-0\" aria-label=\"Sort systems by code\">by code</a></th>");
            for (int j = 0; j < inds.size(); j++) {
                IndicatorInfo ind = inds.get(j);
                sb.append("<th role=\"columnheader\" scope=\"col\" data-indicator=\"")
                        .append(esc(ind.id()))
                        .append("\">")
                        .append(esc(ind.title()))
                        .append("<br><span class=\"small\">")
                        .append(direction(ind.improvementDirection()))
                        .append("</span><br><a class=\"sort\" href=\"#sort-")
                        .append(2 * j + 1)
                        .append("\" aria-label=\"")
                        .append(esc("Sort by " + ind.title() + ", lowest first"))
                        .append("\">▲</a> <a class=\"sort\" href=\"#sort-")
                        .append(2 * j + 2)
                        .append("\" aria-label=\"")
                        .append(esc("Sort by " + ind.title() + ", highest first"))
                        .append("\">▼</a>");
                if (r.funnels().containsKey(ind.id())) {
                    sb.append(" <a class=\"small\" href=\"#")
                            .append(funnelAnchor(ind.id()))
                            .append("\">funnel</a>");
                }
                sb.append("</th>");
            }
            sb.append("</tr></thead><tbody>");
            for (int i = 0; i < systems.size(); i++) {
                SystemRow s = systems.get(i);
                sb.append("<tr role=\"row\" data-system=\"")
                        .append(esc(s.code()))
                        .append("\" style=\"");
                for (int k = 0; k < keys; k++) {
                    sb.append("--k").append(k).append(':').append(ranks[k][i]).append(';');
                }
                sb.append("\"><th role=\"rowheader\" scope=\"row\">");
                String label = s.name() + " (" + s.code() + ")";
                if (s.page() != null) {
                    sb.append("<a href=\"")
                            .append(esc(s.page()))
                            .append("\">")
                            .append(esc(label))
                            .append("</a>");
                } else {
                    sb.append(esc(label));
                }
                sb.append("</th>");
                for (IndicatorInfo ind : inds) {
                    sb.append("<td role=\"cell\">");
                    cell(sb, s, ind, r.funnels().get(ind.id()));
                    sb.append("</td>");
                }
                sb.append("</tr>");
            }
            sb.append("</tbody></table></div>");
        }
        sb.append("</section>");
        funnels(sb, r);
        return sb.toString();
    }

    /**
     * The CSS of the sortable table: the grid, and one rule per sort order choosing that order's rank.
     *
     * @param keys how many sort orders (1 + 2 × indicators)
     */
    static String css(int keys) {
        StringBuilder sb = new StringBuilder(512 + 160 * keys);
        sb.append(".sort-target{display:block;height:0;scroll-margin-top:8px}")
                .append(".sortwrap{overflow-x:auto}")
                .append(".sortable{display:grid;border-top:1px solid #d8dde0;border-left:1px solid #d8dde0}")
                .append(".sortable>thead,.sortable>tbody,.sortable tr{display:contents}")
                .append(".sortable caption{display:block;grid-column:1/-1;order:-2}")
                .append(".sortable th,.sortable td{border-width:0 1px 1px 0;text-align:center}")
                .append(".sortable tbody th{text-align:left}")
                .append(".sortable thead th{order:-1}")
                .append(".sortable tbody>tr>*{order:var(--k0)}")
                .append(".sortable a.sort{text-decoration:none;padding:0 3px}")
                .append(".sortable td a{text-decoration:none;color:#212b32}");
        for (int k = 1; k < keys; k++) {
            sb.append("#sort-")
                    .append(k)
                    .append(":target~.sortwrap .sortable tbody>tr>*{order:var(--k")
                    .append(k)
                    .append(")}");
        }
        for (int k = 0; k < keys; k++) {
            sb.append(k == 0 ? "" : ",")
                    .append("#sort-")
                    .append(k)
                    .append(":target~.sortwrap a[href=\"#sort-")
                    .append(k)
                    .append("\"]");
        }
        sb.append("{background:#005eb8;color:#fff;outline:2px solid #005eb8}");
        return sb.toString();
    }

    /**
     * Each row's rank under every sort order: {@code [0]} code order (the rows' order), {@code [2j+1]} indicator j's
     * latest value ascending, {@code [2j+2]} descending; systems without a value last in both, ties by code order.
     */
    static int[][] ranks(EnglandReport r) {
        int n = r.systems().size();
        int[][] out = new int[1 + 2 * r.indicators().size()][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = i;
        }
        for (int j = 0; j < r.indicators().size(); j++) {
            String ind = r.indicators().get(j).id();
            for (boolean desc : new boolean[] {false, true}) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    order.add(i);
                }
                Comparator<Integer> byValue = (a, b) -> {
                    Double va = latest(r.systems().get(a), ind);
                    Double vb = latest(r.systems().get(b), ind);
                    if (va == null || vb == null) {
                        return va == null ? (vb == null ? 0 : 1) : -1;
                    }
                    return desc ? Double.compare(vb, va) : Double.compare(va, vb);
                };
                order.sort(byValue.thenComparing(Comparator.naturalOrder()));
                int key = 2 * j + (desc ? 2 : 1);
                for (int pos = 0; pos < n; pos++) {
                    out[key][order.get(pos)] = pos;
                }
            }
        }
        return out;
    }

    private static Double latest(SystemRow s, String indicatorId) {
        SeriesSummary c = s.cells().get(indicatorId);
        return c == null || c.latestValue() == null || !Double.isFinite(c.latestValue()) ? null : c.latestValue();
    }

    /** The fragment id of an indicator's national funnel. */
    static String funnelAnchor(String indicatorId) {
        return Html.anchor("funnel", indicatorId);
    }

    private static void cell(StringBuilder sb, SystemRow s, IndicatorInfo ind, Funnel funnel) {
        SeriesSummary c = s.cells().get(ind.id());
        if (c == null) {
            sb.append("<span class=\"small\">not reported</span>");
        } else {
            String words = ind.title() + ", " + s.code() + ": latest " + ValueFormat.value(c.latestValue(), c.unit())
                    + " (" + ValueFormat.month(c.latestPeriod()) + ")"
                    + (c.target() == null ? "" : ", target " + ValueFormat.value(c.target(), c.unit())) + ". "
                    + Icons.variation(c.variationIcon()).words()
                    + (Icons.assurance(c.assuranceIcon()) == null
                            ? ""
                            : ". " + Icons.assurance(c.assuranceIcon()).words());
            String inner = "<span class=\"icons\">" + Icons.variationSvg(c.variationIcon())
                    + Icons.assuranceSvg(c.assuranceIcon()) + "</span><br><strong>"
                    + esc(ValueFormat.value(c.latestValue(), c.unit())) + "</strong>";
            if (s.page() != null) {
                SeriesKey key = new SeriesKey(OrgLevel.SYSTEM.label(), s.code(), ind.id(), Stratum.ALL);
                sb.append("<a class=\"value\" href=\"")
                        .append(esc(s.page()))
                        .append('#')
                        .append(key.anchor())
                        .append("\" aria-label=\"")
                        .append(esc(words))
                        .append("\">")
                        .append(inner)
                        .append("</a>");
            } else {
                sb.append("<span class=\"value\" aria-label=\"")
                        .append(esc(words))
                        .append("\" role=\"group\">")
                        .append(inner)
                        .append("</span>");
            }
        }
        TrustPositions t = s.trusts().get(ind.id());
        if (funnel != null && t != null && t.compared() > 0) {
            String words = "Of " + s.name() + "'s " + t.compared() + " trusts in the national funnel ("
                    + ValueFormat.month(funnel.period()) + "): " + t.above998() + " above and " + t.below998()
                    + " below the 99.8% limits; " + (t.above95() + t.above998()) + " above and "
                    + (t.below95() + t.below998()) + " below the 95% limits; " + t.within95() + " within the 95%"
                    + " limits.";
            sb.append("<br><a class=\"fpos small\" data-above998=\"")
                    .append(t.above998())
                    .append("\" data-below998=\"")
                    .append(t.below998())
                    .append("\" href=\"#")
                    .append(funnelAnchor(ind.id()))
                    .append("\" aria-label=\"")
                    .append(esc(words))
                    .append("\" title=\"")
                    .append(esc(words))
                    .append("\">")
                    .append(t.compared())
                    .append(t.compared() == 1 ? " trust: " : " trusts: ")
                    .append(t.above998())
                    .append("▲ ")
                    .append(t.below998())
                    .append("▼</a>");
        }
    }

    private static void funnels(StringBuilder sb, EnglandReport r) {
        sb.append("<section id=\"funnels\" aria-labelledby=\"funnels-h\"><h2 id=\"funnels-h\">National funnels</h2>")
                .append("<p>Every trust in England with data for the indicator in its latest month, against the"
                        + " national average and the 95% (dashed) and 99.8% (solid) limits for its size (Spiegelhalter"
                        + " 2005). Trusts outside the 99.8% limits differ from the national average by more than"
                        + " chance would explain.</p>");
        int shown = 0;
        for (IndicatorInfo ind : r.indicators()) {
            Funnel f = r.funnels().get(ind.id());
            if (f == null) {
                continue;
            }
            shown++;
            String id = funnelAnchor(ind.id());
            String title = ind.title() + ": all trusts, " + ValueFormat.month(f.period());
            sb.append("<article class=\"funnel\" id=\"")
                    .append(id)
                    .append("\" aria-labelledby=\"")
                    .append(id)
                    .append("-h\"><h3 id=\"")
                    .append(id)
                    .append("-h\">")
                    .append(esc(title))
                    .append("</h3><figure>")
                    .append(FunnelSvg.render(f, ind.unit(), ind.improvementDirection(), title, id + "-c"))
                    .append("<figcaption>")
                    .append(f.points().size())
                    .append(" trusts; centre line ")
                    .append(esc(ValueFormat.value(f.centre(), ind.unit())))
                    .append(". <a href=\"#england\">Back to the overview</a>.</figcaption></figure></article>");
        }
        if (shown == 0) {
            sb.append("<p class=\"empty\">No funnel comparison has been published yet.</p>");
        }
        sb.append("</section>");
    }

    /** A label for an indicator's direction, for the sort links' tooltips. */
    static String direction(String improvementDirection) {
        return switch (improvementDirection == null ? "" : improvementDirection.toLowerCase(Locale.ROOT)) {
            case "increase" -> "higher is better";
            case "decrease" -> "lower is better";
            default -> "no preferred direction";
        };
    }
}
