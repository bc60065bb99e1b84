package uk.lhs.common.disclosure;

/**
 * The small-number rule applied to every published count (NHS Digital, HES Analysis Guide: counts from 1 to 7 are
 * suppressed and all others rounded to the nearest 5). Zero is published: it identifies nobody.
 *
 * @param suppressBelow counts from 1 to {@code suppressBelow − 1} are suppressed (NHS: 8)
 * @param roundTo other counts are rounded half-up to the nearest multiple (NHS: 5)
 */
public record Thresholds(int suppressBelow, int roundTo) implements java.io.Serializable {
    /** The NHS rule: suppress 1–7, round to 5. */
    public static final Thresholds NHS = new Thresholds(8, 5);

    public Thresholds {
        if (suppressBelow < 1 || roundTo < 1) {
            throw new IllegalArgumentException("lhs.disclosure.suppress-below and round-to must be at least 1 (NHS: 8"
                    + " and 5), but were " + suppressBelow + " and " + roundTo);
        }
    }

    /**
     * Checks settings before a run: anything weaker than the NHS rule is refused unless the run declares that its
     * outputs stay inside the analyst environment.
     *
     * @param outputsStayInside {@code lhs.disclosure.outputs-stay-inside}
     */
    public static Thresholds of(int suppressBelow, int roundTo, boolean outputsStayInside) {
        Thresholds t = new Thresholds(suppressBelow, roundTo);
        if (!outputsStayInside && t.weakerThan(NHS)) {
            throw new IllegalArgumentException("lhs.disclosure.suppress-below = " + suppressBelow + " and round-to = "
                    + roundTo + " are weaker than the NHS rule (suppress 1-7, round to 5): published tables would"
                    + " show small counts. Use at least 8 and a multiple of 5, or set"
                    + " lhs.disclosure.outputs-stay-inside = true if no output of this lakehouse leaves your"
                    + " environment.");
        }
        return t;
    }

    /** Whether this rule protects less than {@code other}: a lower threshold, or rounding that is not as coarse. */
    public boolean weakerThan(Thresholds other) {
        return suppressBelow < other.suppressBelow || roundTo % other.roundTo != 0;
    }

    /** Whether a count is small: from 1 to {@code suppressBelow − 1}. NaN (not a count) is never small. */
    public boolean small(double count) {
        return count >= 1 && count < suppressBelow;
    }

    /** A count rounded half-up to the nearest {@code roundTo}. */
    public double round(double count) {
        return Math.floor(count / roundTo + 0.5) * roundTo;
    }
}
