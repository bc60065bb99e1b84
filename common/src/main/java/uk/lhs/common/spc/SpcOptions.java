package uk.lhs.common.spc;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * How to chart one series. Build with {@link #builder()}; {@link #defaults()} gives the MDC XmR defaults.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>{@code chart = XMR}, {@code screenOutliers = true}: as NHSRplotthedots ({@code ptd_spc}).</li>
 *   <li>{@code shiftLength = 7}, {@code trendLength = 7}: the original MDC guidance and NHSRplotthedots; 6 is a
 *       common local choice and can be set here.</li>
 *   <li>{@code twoOfThreeIncludesBeyond = false}: points beyond the limits do not count towards two-of-three, as in
 *       NHSRplotthedots and the original MDC rules; such points are already flagged by the outside-limits rule, which
 *       takes precedence. {@code true} gives MDC's 2023 revision.</li>
 * </ul>
 *
 * @param chart the chart type
 * @param improvement the improvement direction (labels special causes and assurance)
 * @param rebaseDates a new phase starts at the first point on or after each date
 * @param rebaseIndices a new phase starts at each 0-based point index (qicharts2 {@code part = k} is index k)
 * @param fixAfter if non-null, limits of each phase use only its first {@code fixAfter} points (by position)
 * @param excludeIndices 0-based point indices left out of every limit calculation and of the runs analysis (they are
 *     still plotted and flagged), as qicharts2 {@code exclude} (which is 1-based)
 * @param screenOutliers XmR and I charts: drop moving ranges ≥ 3.267 × AMR and recompute AMR
 * @param shiftLength points on one side of the centre line that make a shift (≥ 2)
 * @param trendLength points (not steps) that make a trend (≥ 3)
 * @param twoOfThreeIncludesBeyond whether points beyond the limits count as "near" in two-of-three
 * @param target the target for the assurance icon, or null
 */
public record SpcOptions(
        ChartType chart,
        ImprovementDirection improvement,
        List<LocalDate> rebaseDates,
        List<Integer> rebaseIndices,
        Integer fixAfter,
        List<Integer> excludeIndices,
        boolean screenOutliers,
        int shiftLength,
        int trendLength,
        boolean twoOfThreeIncludesBeyond,
        Double target)
        implements Serializable {

    /** Default shift length (MDC, NHSRplotthedots). */
    public static final int DEFAULT_SHIFT_LENGTH = 7;
    /** Default trend length in points (MDC, NHSRplotthedots). */
    public static final int DEFAULT_TREND_LENGTH = 7;

    /** Validates and copies the lists; the message names the option and the accepted values. */
    public SpcOptions {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(improvement, "improvement");
        rebaseDates = List.copyOf(rebaseDates == null ? List.of() : rebaseDates);
        rebaseIndices = List.copyOf(rebaseIndices == null ? List.of() : rebaseIndices);
        excludeIndices = List.copyOf(excludeIndices == null ? List.of() : excludeIndices);
        if (fixAfter != null && fixAfter < 1) {
            throw new IllegalArgumentException(
                    "fix-after must be at least 1 point (12 or more recommended), got " + fixAfter);
        }
        if (shiftLength < 2) {
            throw new IllegalArgumentException("shift-length must be at least 2, got " + shiftLength);
        }
        if (trendLength < 3) {
            throw new IllegalArgumentException("trend-length must be at least 3 points, got " + trendLength);
        }
        for (int i : rebaseIndices) {
            if (i < 0) {
                throw new IllegalArgumentException("rebase index must be >= 0, got " + i);
            }
        }
        for (int i : excludeIndices) {
            if (i < 0) {
                throw new IllegalArgumentException("exclude index must be >= 0, got " + i);
            }
        }
        if (target != null && !Double.isFinite(target)) {
            throw new IllegalArgumentException("target must be a finite number, got " + target);
        }
    }

    /** The MDC XmR defaults: increase, no rebase, no freeze, screening on, 7/7, original two-of-three, no target. */
    public static SpcOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.chart = chart;
        b.improvement = improvement;
        b.rebaseDates = rebaseDates;
        b.rebaseIndices = rebaseIndices;
        b.fixAfter = fixAfter;
        b.excludeIndices = excludeIndices;
        b.screenOutliers = screenOutliers;
        b.shiftLength = shiftLength;
        b.trendLength = trendLength;
        b.twoOfThreeIncludesBeyond = twoOfThreeIncludesBeyond;
        b.target = target;
        return b;
    }

    /** Mutable builder for {@link SpcOptions}. */
    public static final class Builder {
        private ChartType chart = ChartType.XMR;
        private ImprovementDirection improvement = ImprovementDirection.INCREASE;
        private List<LocalDate> rebaseDates = List.of();
        private List<Integer> rebaseIndices = List.of();
        private Integer fixAfter;
        private List<Integer> excludeIndices = List.of();
        private boolean screenOutliers = true;
        private int shiftLength = DEFAULT_SHIFT_LENGTH;
        private int trendLength = DEFAULT_TREND_LENGTH;
        private boolean twoOfThreeIncludesBeyond;
        private Double target;

        private Builder() {}

        /** Sets the chart type. */
        public Builder chart(ChartType v) {
            chart = v;
            return this;
        }

        /** Sets the improvement direction. */
        public Builder improvement(ImprovementDirection v) {
            improvement = v;
            return this;
        }

        /** Sets the rebase dates (a phase starts at the first point on or after each). */
        public Builder rebaseDates(List<LocalDate> v) {
            rebaseDates = v;
            return this;
        }

        /** Sets the 0-based indices where new phases start. */
        public Builder rebaseIndices(List<Integer> v) {
            rebaseIndices = v;
            return this;
        }

        /** Freezes each phase's limits after its first {@code n} points; null for no freeze. */
        public Builder fixAfter(Integer n) {
            fixAfter = n;
            return this;
        }

        /** Sets the 0-based indices left out of the calculations. */
        public Builder excludeIndices(List<Integer> v) {
            excludeIndices = v;
            return this;
        }

        /** Turns moving-range screening on or off. */
        public Builder screenOutliers(boolean v) {
            screenOutliers = v;
            return this;
        }

        /** Sets the shift length in points. */
        public Builder shiftLength(int v) {
            shiftLength = v;
            return this;
        }

        /** Sets the trend length in points. */
        public Builder trendLength(int v) {
            trendLength = v;
            return this;
        }

        /** Lets points beyond the limits count towards two-of-three (MDC 2023). */
        public Builder twoOfThreeIncludesBeyond(boolean v) {
            twoOfThreeIncludesBeyond = v;
            return this;
        }

        /** Sets the target, or null for none. */
        public Builder target(Double v) {
            target = v;
            return this;
        }

        /** Validates and builds. */
        public SpcOptions build() {
            return new SpcOptions(
                    chart,
                    improvement,
                    rebaseDates,
                    rebaseIndices,
                    fixAfter,
                    excludeIndices,
                    screenOutliers,
                    shiftLength,
                    trendLength,
                    twoOfThreeIncludesBeyond,
                    target);
        }
    }
}
