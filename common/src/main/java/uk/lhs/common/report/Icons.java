package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

/**
 * The Making Data Count icons, drawn as small inline SVGs (NHS England, "Making Data Count: getting started", 2019,
 * the variation and assurance icons; codes as in NHSRplotthedots and {@code gold.spc_summary}). Each icon is a filled
 * circle in the MDC colour of its meaning with a white letter or glyph, plus a {@code <title>} and
 * {@code aria-label} in words, so the meaning never rests on colour alone.
 */
public final class Icons {
    private Icons() {}

    /** Pixel size of an icon. */
    public static final int SIZE = 34;

    /** What a variation or assurance icon shows: colour, glyph and words. */
    public record Look(String colour, String glyph, String words) {}

    /**
     * The look of a variation icon.
     *
     * @param code {@code gold.spc_summary.variation_icon}: common_cause, improvement_high, improvement_low,
     *     concern_high, concern_low, neutral_high, neutral_low; null or anything else = not charted
     */
    public static Look variation(String code) {
        String c = code == null ? "" : code;
        return switch (c) {
            case "common_cause" -> new Look(Palette.COMMON, "~", "Common-cause variation: no significant change");
            case "improvement_high" ->
                new Look(
                        Palette.IMPROVEMENT,
                        "H",
                        "Special-cause improvement: significantly higher, and higher is better");
            case "improvement_low" ->
                new Look(
                        Palette.IMPROVEMENT,
                        "L",
                        "Special-cause improvement: significantly lower, and lower is better");
            case "concern_high" ->
                new Look(Palette.CONCERN, "H", "Special-cause concern: significantly higher, and lower is better");
            case "concern_low" ->
                new Look(Palette.CONCERN, "L", "Special-cause concern: significantly lower, and higher is better");
            case "neutral_high" ->
                new Look(Palette.NEUTRAL, "H", "Special cause: significantly higher (no preferred direction)");
            case "neutral_low" ->
                new Look(Palette.NEUTRAL, "L", "Special cause: significantly lower (no preferred direction)");
            default -> new Look(Palette.COMMON, "–", "Variation not assessed: the series could not be charted");
        };
    }

    /**
     * The look of an assurance icon, or null when there is none to show.
     *
     * @param code {@code gold.spc_summary.assurance_icon}: pass, fail, inconsistent; none/empty/null = no icon
     */
    public static Look assurance(String code) {
        String c = code == null ? "" : code;
        return switch (c) {
            case "pass" ->
                new Look(Palette.IMPROVEMENT, "P", "Assurance: the process will consistently meet the target");
            case "fail" -> new Look(Palette.CONCERN, "F", "Assurance: the process will consistently fail the target");
            case "inconsistent" ->
                new Look(Palette.COMMON, "?", "Assurance: the process will hit and miss the target at random");
            default -> null;
        };
    }

    /** The variation icon as inline SVG. */
    public static String variationSvg(String code) {
        return svg(variation(code), "variation", code);
    }

    /** The assurance icon as inline SVG, or a short text saying why there is none. */
    public static String assuranceSvg(String code) {
        Look look = assurance(code);
        if (look == null) {
            return "<span class=\"no-icon\">no target</span>";
        }
        return svg(look, "assurance", code);
    }

    private static String svg(Look look, String kind, String code) {
        int r = SIZE / 2;
        return "<svg class=\"icon icon-" + kind + "\" data-icon=\"" + kind + "\" data-code=\""
                + esc(code == null ? "" : code) + "\" width=\"" + SIZE + "\" height=\"" + SIZE + "\" viewBox=\"0 0 "
                + SIZE + " " + SIZE
                + "\" role=\"img\" aria-label=\"" + esc(look.words()) + "\"><title>" + esc(look.words()) + "</title>"
                + "<circle cx=\"" + r + "\" cy=\"" + r + "\" r=\"" + (r - 1) + "\" fill=\"" + look.colour() + "\"/>"
                + "<text x=\"" + r + "\" y=\"" + (r + 6)
                + "\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\""
                + " font-family=\"Arial, sans-serif\" fill=\"#ffffff\">" + esc(look.glyph()) + "</text></svg>";
    }
}
