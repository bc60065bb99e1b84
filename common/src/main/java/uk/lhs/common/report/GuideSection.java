package uk.lhs.common.report;

/**
 * "How to read this": statistical process control, the icons, funnel plots and the evaluation caveats, for a lay
 * reader. Sources: NHS England, "Making Data Count" (2019, 2021); Spiegelhalter, "Funnel plots for comparing
 * institutional performance", Stat Med 2005; the caveat catalogue of {@code uk.lhs.common.evaluation.CaveatCode}.
 */
final class GuideSection {
    private GuideSection() {}

    static String render() {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<section id=\"guide\" aria-labelledby=\"guide-h\"><h2 id=\"guide-h\">How to read this</h2>")
                .append(
                        "<h3>Control (SPC) charts</h3><p>Every measure goes up and down from month to month. A statistical"
                                + " process control chart separates the everyday ups and downs (<em>common-cause</em> variation) from"
                                + " changes big or lasting enough that something has probably changed (<em>special-cause</em>"
                                + " variation). The solid line is the average; the dashed lines are the <em>process limits</em>, where"
                                + " about 99.7% of months would fall if nothing had changed. A point is flagged when it is outside a"
                                + " limit, when a run of points (7 by default) sits on one side of the average, when a run of"
                                + " points (7 by default) rises or falls steadily, or when 2 of 3 points are close to a limit. A new"
                                + " <em>phase</em> starts when the process"
                                + " was deliberately reset, and gets its own average and limits.</p>")
                .append("<p>Points are coloured by meaning, and every point has a text label for screen readers:</p>")
                .append(SeriesSection.legend())
                .append("<h3>The icons</h3><p>The <strong>variation</strong> icon describes the latest month; the"
                        + " <strong>assurance</strong> icon says whether the target will be met if nothing changes.</p><table>"
                        + "<caption>Icons and their meaning</caption><thead><tr><th scope=\"col\">Icon</th>"
                        + "<th scope=\"col\">Meaning</th></tr></thead><tbody>");
        for (String code : new String[] {
            "common_cause",
            "improvement_high",
            "improvement_low",
            "concern_high",
            "concern_low",
            "neutral_high",
            "neutral_low"
        }) {
            row(sb, Icons.variationSvg(code), Icons.variation(code).words());
        }
        for (String code : new String[] {"pass", "fail", "inconsistent"}) {
            row(sb, Icons.assuranceSvg(code), Icons.assurance(code).words());
        }
        row(
                sb,
                Icons.assuranceSvg(""),
                "No assurance icon: there is no target, neither direction is better, or the" + " chart has no limits.");
        sb.append("</tbody></table><p>Orange means concern, blue improvement, grey nothing unusual, purple a change"
                        + " where neither direction is better. H and L say whether the change is high or low.</p>")
                .append(
                        "<h3>Funnel plots</h3><p>A funnel plot compares trusts in one month. Small trusts vary more by"
                                + " chance, so the limits are wide on the left and narrow on the right. A trust outside the solid"
                                + " (99.8%) limits is unlikely to differ by chance alone; it is a prompt to ask why, not a verdict."
                                + " Where trusts differ more than chance allows overall, the limits are widened to allow for it.</p>")
                .append("<h3>Intervention evaluations</h3><p>Each evaluation compares the months after an intervention"
                        + " started with what might have happened otherwise, in up to five ways: a simple before-and-after"
                        + " comparison, the control chart, an interrupted time series (does the trend break?),"
                        + " difference-in-differences (did comparison organisations change as much?) and a synthetic control"
                        + " (a weighted mix of comparison organisations). The summary says how strongly a change is"
                        + " <em>associated with</em> the intervention. None of these designs can prove that the intervention"
                        + " was responsible: read the caveats.</p><ul>")
                .append(
                        "<li><strong>Regression to the mean</strong>: work that starts after unusually bad months tends to"
                                + " be followed by better ones anyway.</li>")
                .append("<li><strong>Other work at the same time</strong>: another change in the same place and months"
                        + " may account for some or all of the change.</li>")
                .append(
                        "<li><strong>Wider trends</strong>: the region or England may have changed in the same way.</li>")
                .append("<li><strong>Comparators moving apart beforehand</strong>: comparisons assume similar trends"
                        + " before the start.</li>")
                .append("<li><strong>Short baseline or follow-up, gaps, small numbers</strong>: fewer months or smaller"
                        + " counts make every estimate less certain.</li>")
                .append("<li><strong>Seasonality and autocorrelation</strong>: winter pressure and month-to-month"
                        + " carry-over can mimic or hide a change.</li>")
                .append(
                        "<li><strong>Organisation changes</strong>: mergers and boundary changes alter what is counted.</li>")
                .append(
                        "<li><strong>Methods that disagree</strong>: when methods point different ways, trust none of them"
                                + " alone.</li></ul>")
                .append("<h3>Intervals</h3><p>A 95% interval is the range of values compatible with the data. Wide"
                        + " intervals mean the data cannot tell small effects from none.</p>")
                .append("<h3>Small numbers</h3><p>This dashboard shows only published figures, under the NHS rules for"
                        + " small numbers: a count from 1 to 7 is not shown, nor is any count that would let one be worked"
                        + " out by subtraction; such a month reads <em>suppressed</em> in the table and is a gap in the"
                        + " chart. Other counts are rounded to the nearest 5, and the values, limits and estimates are"
                        + " computed from the rounded counts, so they can differ slightly from exact figures held by"
                        + " analysts.</p>");
        return sb.append("</section>").toString();
    }

    private static void row(StringBuilder sb, String icon, String words) {
        sb.append("<tr><td>")
                .append(icon)
                .append("</td><td>")
                .append(Html.esc(words))
                .append("</td></tr>");
    }
}
