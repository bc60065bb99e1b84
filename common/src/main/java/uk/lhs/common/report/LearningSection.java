package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.List;
import java.util.Locale;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.LearningRow;

/**
 * "What works where": for each intervention type × indicator × method of {@code gold.learning_published}, a forest
 * plot of the sites' effects and their pooled random-effects estimate ({@link ForestPlotSvg}), the heterogeneity
 * statistics (τ², I², Cochran's Q; Higgins &amp; Thompson 2002), the caveats in plain English and the statement. All
 * wording is of association.
 */
final class LearningSection {
    private LearningSection() {}

    static String render(List<LearningRow> rows) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<section id=\"learning\" aria-labelledby=\"learning-h\"><h2 id=\"learning-h\">What works where"
                + "</h2><p>When several organisations made the same kind of change, their estimated effects are pooled"
                + " (random-effects meta-analysis). Each <strong>square</strong> is one site's change with its 95%"
                + " interval; bigger squares carry more weight. The <strong>diamond</strong> is the pooled change and"
                + " its 95% interval; the <strong>dashed line</strong> through it is the 95% prediction interval: the"
                + " change to expect at a new site, given how much sites differed. The vertical line is no change."
                + " These are associations, not proof that the change caused the difference.</p>");
        if (rows.isEmpty()) {
            sb.append("<p class=\"empty\">No interventions in the register have a type yet, so there is nothing to"
                    + " pool. Give register entries a <code>type:</code> (for example"
                    + " <code>same_day_emergency_care</code>) to compare the same kind of change across sites.</p>");
            return sb.append("</section>").toString();
        }
        sb.append("<nav aria-label=\"Pooled comparisons\"><ul>");
        for (LearningRow r : rows) {
            sb.append("<li><a href=\"#")
                    .append(anchor(r))
                    .append("\">")
                    .append(esc(heading(r)))
                    .append("</a></li>");
        }
        sb.append("</ul></nav>");
        for (LearningRow r : rows) {
            row(sb, r);
        }
        return sb.append("</section>").toString();
    }

    /** The fragment id of a pooled row. */
    static String anchor(LearningRow r) {
        return Html.anchor("l", r.interventionType(), r.indicatorId(), r.method());
    }

    /** {@code same_day_emergency_care} as {@code Same day emergency care}. */
    static String typeLabel(String type) {
        if (type == null || type.isBlank()) {
            return "Untyped";
        }
        String t = type.replace('_', ' ').replace('-', ' ').trim();
        return t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
    }

    private static String heading(LearningRow r) {
        return typeLabel(r.interventionType()) + ": " + r.indicatorTitle() + " (" + EffectsSection.label(r.method())
                + ")";
    }

    private static void row(StringBuilder sb, LearningRow r) {
        String id = anchor(r);
        sb.append("<article class=\"learning\" id=\"")
                .append(id)
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("-h\"><h3 id=\"")
                .append(id)
                .append("-h\">")
                .append(esc(heading(r)))
                .append("</h3>");
        if (r.statement() != null && !r.statement().isBlank()) {
            sb.append("<p class=\"statement\">").append(esc(r.statement())).append("</p>");
        }
        sb.append("<figure>")
                .append(ForestPlotSvg.render(r, id + "-f"))
                .append("<figcaption>Each site's estimated change (square, area by weight) and 95% interval; the"
                        + " pooled change (diamond) and the 95% prediction interval (dashed line).")
                .append(
                        ValueFormat.isProportion(r.unit())
                                ? " Changes in percentage points."
                                : " Changes in " + esc(ForestPlotSvg.unitWords(r.unit())) + ".")
                .append("</figcaption></figure>");
        String unit = r.unit();
        sb.append("<table class=\"meta\"><caption>Pooled estimate and heterogeneity</caption><tbody>");
        cell(sb, "Sites pooled (k)", r.k() == null ? "–" : String.valueOf(r.k()));
        cell(
                sb,
                "Method",
                poolingLabel(r.pooling()) + (r.hartungKnapp() ? ", Hartung–Knapp–Sidik–Jonkman interval" : ""));
        cell(sb, "Pooled change", ValueFormat.change(r.estimate(), unit));
        cell(sb, "95% interval", ForestPlotSvg.interval(r.ciLower(), r.ciUpper(), unit));
        cell(
                sb,
                "95% prediction interval",
                !finite(r.piLower()) || !finite(r.piUpper())
                        ? "– (needs 3 or more sites)"
                        : ForestPlotSvg.interval(r.piLower(), r.piUpper(), unit));
        cell(sb, "τ² (between-site variance)", tau2(r.tau2(), unit));
        cell(
                sb,
                "I² (share of variation between sites)",
                !finite(r.i2()) ? "–" : String.format(Locale.UK, "%.0f%%", r.i2()));
        cell(
                sb,
                "Cochran's Q",
                r.q() == null
                        ? "–"
                        : String.format(Locale.UK, "%.2f", r.q()) + (r.qDf() == null ? "" : " on " + r.qDf() + " df")
                                + ", p " + p(r.qP()));
        sb.append("</tbody></table><h4>Caveats</h4>");
        if (r.caveats().isEmpty()) {
            sb.append("<p>None recorded.</p>");
        } else {
            sb.append("<ul>");
            for (CaveatNote c : r.caveats()) {
                String sev = c.severity() == null ? "info" : c.severity().toLowerCase(Locale.ROOT);
                sb.append("<li data-code=\"")
                        .append(esc(c.code()))
                        .append("\"><span class=\"sev-")
                        .append(Html.anchor(sev))
                        .append("\">")
                        .append(esc(sev))
                        .append("</span>: ")
                        .append(esc(c.message()))
                        .append("</li>");
            }
            sb.append("</ul>");
        }
        sb.append("</article>");
    }

    private static void cell(StringBuilder sb, String label, String value) {
        sb.append("<tr><th scope=\"row\">")
                .append(esc(label))
                .append("</th><td class=\"num\">")
                .append(esc(value))
                .append("</td></tr>");
    }

    static String poolingLabel(String pooling) {
        return switch (pooling == null ? "" : pooling.toLowerCase(Locale.ROOT)) {
            case "reml" -> "Random effects (REML)";
            case "dl" -> "Random effects (DerSimonian–Laird)";
            case "pm" -> "Random effects (Paule–Mandel)";
            case "fe" -> "Fixed effect (inverse variance)";
            default -> pooling == null ? "–" : pooling;
        };
    }

    /** τ² as a number, with τ in the indicator's change units beside it (percentage points for proportions). */
    static String tau2(Double tau2, String unit) {
        if (tau2 == null || !Double.isFinite(tau2)) {
            return "–";
        }
        String t = String.format(Locale.UK, "%.3g", tau2);
        return t + " (τ "
                + ValueFormat.change(Math.sqrt(Math.max(0, tau2)), unit).replace("+", "") + ")";
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }

    private static String p(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return "–";
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.UK, "= %.3f", p);
    }
}
