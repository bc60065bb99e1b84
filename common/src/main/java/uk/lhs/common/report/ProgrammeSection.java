package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;
import static uk.lhs.common.report.SpcChartSvg.f;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import uk.lhs.common.report.ReportModel.CaveatNote;

/**
 * One page per programme rolled out across trusts at different months (staggered adoption), from
 * {@code gold.programme_effects_published}: the attribution in words and the statement, the event study (the effect
 * by months since adoption, with its simultaneous 95% band, a zero line and a line at adoption), the effect by
 * adoption cohort, the two-way fixed-effects estimate beside the headline, and the caveats. Wording is of association,
 * never cause.
 */
public final class ProgrammeSection {
    private ProgrammeSection() {}

    /** Chart width and height (SVG user units). */
    static final int WIDTH = 720;

    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = WIDTH - 16;
    private static final int TOP = 16;
    private static final int BOTTOM = HEIGHT - 44;

    /**
     * One event time of the event study (dynamic aggregation).
     *
     * @param eventTime months since the cohort's first post month (negative: before)
     * @param estimate the average effect, or null
     * @param bandLower simultaneous 95% band, or null
     * @param bandUpper simultaneous 95% band, or null
     */
    public record EventTime(int eventTime, Double estimate, Double bandLower, Double bandUpper) {}

    /**
     * One adoption cohort (group aggregation).
     *
     * @param firstPostMonth the cohort's first post month
     * @param trusts its trusts
     */
    public record Cohort(
            LocalDate firstPostMonth, List<String> trusts, Double estimate, Double ciLower, Double ciUpper) {
        public Cohort {
            trusts = List.copyOf(trusts);
        }
    }

    /**
     * One programme × indicator.
     *
     * @param estimate headline: the overall group-aggregated effect (with its 95% interval)
     * @param twfe the two-way fixed-effects estimate, shown for comparison, or null
     */
    public record Programme(
            String programmeId,
            String title,
            String indicatorId,
            String indicatorTitle,
            String unit,
            String expectedDirection,
            String attribution,
            List<String> reasons,
            List<CaveatNote> caveats,
            String statement,
            Double estimate,
            Double ciLower,
            Double ciUpper,
            Double twfe,
            Double twfeCiLower,
            Double twfeCiUpper,
            Double preTestP,
            List<Cohort> cohorts,
            List<EventTime> eventStudy) {
        public Programme {
            reasons = List.copyOf(reasons);
            caveats = List.copyOf(caveats);
            cohorts = List.copyOf(cohorts);
            eventStudy = List.copyOf(eventStudy);
        }

        /** The page's fragment id. */
        public String anchor() {
            return Html.anchor("p", programmeId, indicatorId);
        }
    }

    /** The programmes part of the interventions page (nothing when there is none). */
    public static String render(List<Programme> programmes) {
        if (programmes.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<section id=\"programmes\" aria-labelledby=\"programmes-h\"><h2 id=\"programmes-h\">")
                .append("Programmes rolled out across trusts</h2><p>Each programme reached its trusts at different"
                        + " months. Its effect is estimated cohort by cohort against trusts not in the programme"
                        + " (Callaway and Sant'Anna 2021) and shown by months since adoption.</p>");
        for (Programme p : programmes) {
            programme(sb, p);
        }
        return sb.append("</section>").toString();
    }

    /** The attribution level in words, always phrased as association. */
    static String attribution(Programme p) {
        String subject = p.indicatorTitle() + " at the programme's trusts";
        String programme = p.programmeId() + (p.title() == null || p.title().isBlank() ? "" : " (" + p.title() + ")");
        return switch (p.attribution() == null ? "" : p.attribution()) {
            case "insufficient_data" ->
                "There is not yet enough data to say whether any change in " + subject + " is associated with "
                        + programme + ".";
            case "no_change_detected" ->
                "No change in " + subject + " beyond normal variation, in the intended direction, is associated with "
                        + programme + ".";
            case "change_attribution_weak" ->
                "A change in " + subject + " is associated with " + programme
                        + ", but the evidence is weak: other explanations cannot be ruled out.";
            case "change_consistent_with_intervention" ->
                "A change in " + subject + " is associated with " + programme
                        + " and is consistent with it, compared with trusts not in the programme.";
            default -> "The evaluation of " + programme + " has no summary yet.";
        };
    }

    private static void programme(StringBuilder sb, Programme p) {
        String id = p.anchor();
        sb.append("<article class=\"programme\" id=\"")
                .append(id)
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("-h\"><h3 id=\"")
                .append(id)
                .append("-h\">")
                .append(esc(p.programmeId()))
                .append(p.title() == null || p.title().isBlank() ? "" : ": " + esc(p.title()))
                .append(" — ")
                .append(esc(p.indicatorTitle()))
                .append("</h3><p class=\"statement\"><strong>")
                .append(esc(attribution(p)))
                .append("</strong>");
        if (p.statement() != null && !p.statement().isBlank()) {
            sb.append("<br>").append(esc(p.statement()));
        }
        sb.append("</p>");
        if (!p.reasons().isEmpty()) {
            sb.append("<p>Why:</p><ul>");
            p.reasons().forEach(r -> sb.append("<li>").append(esc(r)).append("</li>"));
            sb.append("</ul>");
        }
        if (!p.eventStudy().isEmpty()) {
            sb.append("<figure>")
                    .append(eventStudy(p))
                    .append("<figcaption>Event study: the average effect (dot) by months since adoption, with its"
                            + " simultaneous 95% band (bar) over all months shown; months before adoption test the"
                            + " comparison (they should sit around zero). The dashed line is adoption, the solid line"
                            + " no effect.</figcaption></figure>");
        }
        sb.append("<table><caption>Effect by adoption cohort</caption><thead><tr><th scope=\"col\">Cohort (first"
                + " month after)</th><th scope=\"col\">Trusts</th><th scope=\"col\">Average effect</th>"
                + "<th scope=\"col\">95% interval</th></tr></thead><tbody>");
        for (Cohort c : p.cohorts()) {
            sb.append("<tr><th scope=\"row\">")
                    .append(esc(ValueFormat.month(c.firstPostMonth())))
                    .append("</th><td>")
                    .append(esc(String.join(", ", c.trusts())))
                    .append("</td><td class=\"num\">")
                    .append(esc(ValueFormat.change(c.estimate(), p.unit())))
                    .append("</td><td class=\"num\">")
                    .append(esc(interval(c.ciLower(), c.ciUpper(), p.unit())))
                    .append("</td></tr>");
        }
        sb.append("<tr><th scope=\"row\">All cohorts</th><td></td><td class=\"num\">")
                .append(esc(ValueFormat.change(p.estimate(), p.unit())))
                .append("</td><td class=\"num\">")
                .append(esc(interval(p.ciLower(), p.ciUpper(), p.unit())))
                .append("</td></tr>");
        if (p.twfe() != null) {
            sb.append("<tr><th scope=\"row\">Two-way fixed effects (for comparison only)</th><td></td>"
                            + "<td class=\"num\">")
                    .append(esc(ValueFormat.change(p.twfe(), p.unit())))
                    .append("</td><td class=\"num\">")
                    .append(esc(interval(p.twfeCiLower(), p.twfeCiUpper(), p.unit())))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
        if (p.preTestP() != null) {
            sb.append("<p>Placebo test of parallel trends before adoption: p = ")
                    .append(p.preTestP() < 0.001 ? "&lt;0.001" : String.format(Locale.UK, "%.3f", p.preTestP()))
                    .append(".</p>");
        }
        sb.append("<h4>Caveats</h4>");
        if (p.caveats().isEmpty()) {
            sb.append("<p>None recorded.</p>");
        } else {
            sb.append("<ul>");
            for (CaveatNote c : p.caveats()) {
                String sev = c.severity() == null ? "info" : c.severity().toLowerCase(Locale.ROOT);
                sb.append("<li><span class=\"sev-")
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

    private static String interval(Double lo, Double hi, String unit) {
        return lo == null || hi == null ? "–" : ValueFormat.change(lo, unit) + " to " + ValueFormat.change(hi, unit);
    }

    /**
     * The event-study chart: one column per event time, the simultaneous band as a bar and the estimate as a dot
     * (before adoption in grey, after in blue), a horizontal line at zero and a dashed vertical line at adoption
     * (between event times −1 and 0).
     */
    static String eventStudy(Programme p) {
        List<EventTime> es = p.eventStudy();
        int minE = es.stream().mapToInt(EventTime::eventTime).min().orElse(0);
        int maxE = es.stream().mapToInt(EventTime::eventTime).max().orElse(0);
        double lo = 0;
        double hi = 0;
        for (EventTime e : es) {
            for (Double v : new Double[] {e.estimate(), e.bandLower(), e.bandUpper()}) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        LinearScale y = LinearScale.padded(lo, hi, BOTTOM, TOP);
        LinearScale x = new LinearScale(minE - 0.5, maxE + 0.5, LEFT, RIGHT);
        String cid = p.anchor() + "-es";
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg class=\"chart event-study\" data-chart=\"event-study\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(cid)
                .append("\"><title id=\"")
                .append(cid)
                .append("\">")
                .append(esc("Event study of " + p.programmeId() + ", " + p.indicatorTitle()
                        + ": average effect by months since adoption"))
                .append("</title><g font-size=\"11\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TEXT)
                .append("\">");
        for (double t : y.ticks(5)) {
            sb.append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(f(y.map(t) + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(esc(ValueFormat.change(t, p.unit())))
                    .append("</text>");
        }
        sb.append("<line data-role=\"zero\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(RIGHT)
                .append("\" y1=\"")
                .append(f(y.map(0)))
                .append("\" y2=\"")
                .append(f(y.map(0)))
                .append("\" stroke=\"")
                .append(Palette.LIMIT)
                .append("\"/>");
        double adoption = x.map(-0.5);
        sb.append("<line data-role=\"adoption\" x1=\"")
                .append(f(adoption))
                .append("\" x2=\"")
                .append(f(adoption))
                .append("\" y1=\"")
                .append(TOP)
                .append("\" y2=\"")
                .append(BOTTOM)
                .append("\" stroke=\"")
                .append(Palette.TARGET)
                .append("\" stroke-dasharray=\"6 4\"/><text x=\"")
                .append(f(adoption + 4))
                .append("\" y=\"")
                .append(TOP + 10)
                .append("\">adoption</text>");
        int every = Math.max(1, (maxE - minE + 1) / 12);
        for (int e = minE; e <= maxE; e++) {
            if ((e - minE) % every == 0 || e == 0) {
                sb.append("<text x=\"")
                        .append(f(x.map(e)))
                        .append("\" y=\"")
                        .append(BOTTOM + 16)
                        .append("\" text-anchor=\"middle\">")
                        .append(e)
                        .append("</text>");
            }
        }
        sb.append("<text x=\"")
                .append(f((LEFT + RIGHT) / 2.0))
                .append("\" y=\"")
                .append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">Months since adoption</text>");
        double w = Math.max(2, Math.min(10, (RIGHT - LEFT) / (double) (maxE - minE + 1) * 0.4));
        for (EventTime e : es) {
            String colour = e.eventTime() < 0 ? Palette.COMMON : Palette.IMPROVEMENT;
            double cx = x.map(e.eventTime());
            if (e.bandLower() != null && e.bandUpper() != null) {
                sb.append("<rect data-role=\"band\" x=\"")
                        .append(f(cx - w / 2))
                        .append("\" width=\"")
                        .append(f(w))
                        .append("\" y=\"")
                        .append(f(y.map(e.bandUpper())))
                        .append("\" height=\"")
                        .append(f(Math.max(0.5, y.map(e.bandLower()) - y.map(e.bandUpper()))))
                        .append("\" fill=\"")
                        .append(colour)
                        .append("\" fill-opacity=\"0.3\"/>");
            }
            if (e.estimate() != null) {
                sb.append("<circle data-role=\"estimate\" cx=\"")
                        .append(f(cx))
                        .append("\" cy=\"")
                        .append(f(y.map(e.estimate())))
                        .append("\" r=\"3.5\" fill=\"")
                        .append(colour)
                        .append("\"><title>")
                        .append(esc(e.eventTime() + " months: " + ValueFormat.change(e.estimate(), p.unit())
                                + (e.bandLower() == null || e.bandUpper() == null
                                        ? ""
                                        : " (band " + ValueFormat.change(e.bandLower(), p.unit()) + " to "
                                                + ValueFormat.change(e.bandUpper(), p.unit()) + ")")))
                        .append("</title></circle>");
            }
        }
        return sb.append("</g></svg>").toString();
    }
}
