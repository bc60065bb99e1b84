package uk.lhs.common.report;

import java.util.Locale;

/**
 * The dashboard's colours and the WCAG 2.1 contrast arithmetic that checks them. The Making Data Count icon colours
 * (orange = concern, blue = improvement, grey = common cause, purple = neutral special cause; NHS England, "Making
 * Data Count: getting started", 2019) are used in darker shades than the printed guide so that white letters on them
 * and the shapes against a white page meet WCAG AA (text 4.5:1, graphics 3:1).
 */
public final class Palette {
    private Palette() {}

    /** Special cause of concern (MDC orange, darkened). */
    public static final String CONCERN = "#b25000";
    /** Special cause of improvement (NHS blue). */
    public static final String IMPROVEMENT = "#005eb8";
    /** Common-cause variation (MDC grey, darkened). */
    public static final String COMMON = "#636363";
    /** Special cause with no preferred direction (MDC purple). */
    public static final String NEUTRAL = "#5b2c86";
    /** Body text (NHS black). */
    public static final String TEXT = "#212b32";
    /** Page background. */
    public static final String PAGE = "#ffffff";
    /** Target line (NHS dark red). */
    public static final String TARGET = "#8a1538";
    /** Process limits and centre line. */
    public static final String LIMIT = "#425563";

    /**
     * WCAG 2.1 contrast ratio between two sRGB colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
     *
     * @param a colour as {@code #rrggbb}
     * @param b colour as {@code #rrggbb}
     * @return (L1 + 0.05) / (L2 + 0.05), from 1 to 21
     */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG relative luminance of {@code #rrggbb}. */
    static double luminance(String hex) {
        String h = hex.toLowerCase(Locale.ROOT);
        if (!h.matches("#[0-9a-f]{6}")) {
            throw new IllegalArgumentException("not a #rrggbb colour: " + hex);
        }
        double r = channel(Integer.parseInt(h.substring(1, 3), 16));
        double g = channel(Integer.parseInt(h.substring(3, 5), 16));
        double b = channel(Integer.parseInt(h.substring(5, 7), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int v) {
        double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
