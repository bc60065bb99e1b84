package uk.lhs.common.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The chart types the engine computes. {@link #code()} is the exact string used on the command line and in outputs.
 *
 * <p>Sources: XmR as NHS England "Making Data Count" (MDC) and NHSRplotthedots; I, MR, P, P', U, U', C and run
 * charts as qicharts2 (Anhøj, github.com/anhoej/qicharts2, R/helper.functions.R); P'/U' from Laney (2002), "Improved
 * control charts for attributes", Quality Engineering 14(4).
 */
public enum ChartType {
    /** MDC XmR: mean ± 2.66 × average moving range, optional moving-range screening. */
    XMR("xmr", false),
    /** Individuals chart, qicharts2 style: sigma = AMR / 1.128, mean ± 3 sigma. */
    I("i", false),
    /** Moving-range chart: y = |Δy|, centre = mean MR, upper limit = 3.267 × centre, lower limit 0. */
    MR("mr", false),
    /** P chart: proportion numerator/denominator, binomial per-point limits clipped to [0, 1]. */
    P("p", true),
    /** Laney P′ chart: P limits widened by the between-point variation sigma_z. */
    P_PRIME("pprime", true),
    /** U chart: rate numerator/denominator, Poisson per-point limits, lower limit floored at 0. */
    U("u", true),
    /** Laney U′ chart: U limits widened by the between-point variation sigma_z. */
    U_PRIME("uprime", true),
    /** C chart: counts, mean ± 3√mean, lower limit floored at 0. */
    C("c", false),
    /**
     * T chart for times between rare events: an I chart on y^(1/3.6), back-transformed with ^3.6, lower limits below 0
     * set to 0 (Nelson 1994, "A control chart for parts-per-million nonconforming items", JQT 26(3); qicharts2).
     */
    T("t", false),
    /** Run chart: centre = median, Anhøj runs rules, no control limits. */
    RUN("run", false);

    private final String code;
    private final boolean needsDenominator;

    ChartType(String code, boolean needsDenominator) {
        this.code = code;
        this.needsDenominator = needsDenominator;
    }

    /** The exact option/output string, e.g. {@code "pprime"}. */
    public String code() {
        return code;
    }

    /** True for P, P′, U and U′, whose plotted value is numerator / denominator. */
    public boolean needsDenominator() {
        return needsDenominator;
    }

    /** Parses a {@link #code()} (case-insensitive); the message lists the accepted codes. */
    public static ChartType fromCode(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (ChartType t : values()) {
            if (t.code.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown chart type '" + code + "'; use one of "
                + Arrays.stream(values()).map(ChartType::code).collect(Collectors.joining(", ")));
    }
}
