package uk.lhs.common.spc.spark;

import java.util.Locale;
import uk.lhs.common.vocab.ChartType;

/**
 * Which chart the SPC stage draws for an indicator.
 *
 * <p>The indicator's {@code chart_type} column wins when it is present and not null (any {@link ChartType#code()}).
 * Otherwise the unit decides, following Making Data Count's advice to use XmR charts by default and the NHS
 * England/qicharts2 practice of Laney's P′/U′ for large-denominator proportions and rates (Laney 2002, Quality
 * Engineering 14(4)): {@code proportion} → {@code pprime} on numerator/denominator; {@code ratio} → {@code uprime} on
 * numerator/denominator; every other unit ({@code count}, {@code weeks}, {@code per_1000}, ...) → {@code xmr} on the
 * value.
 */
public final class ChartChoice {
    /** Unit of fractions between 0 and 1 with numerator and denominator. */
    public static final String PROPORTION = "proportion";
    /** Unit of rates (numerator per denominator). */
    public static final String RATIO = "ratio";

    private ChartChoice() {}

    /**
     * The chart for one series.
     *
     * @param chartType the indicator's chart_type, or null
     * @param unit the indicator's unit, or null
     * @throws IllegalArgumentException if chartType is not a known chart code
     */
    public static ChartType choose(String chartType, String unit) {
        if (chartType != null && !chartType.isBlank()) {
            return ChartType.fromCode(chartType);
        }
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case PROPORTION -> ChartType.P_PRIME;
            case RATIO -> ChartType.U_PRIME;
            default -> ChartType.XMR;
        };
    }
}
