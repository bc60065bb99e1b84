package uk.lhs.common.indicators;

import java.util.Optional;
import uk.lhs.common.stats.SpiegelhalterFunnel;

/**
 * How trusts are compared on a funnel plot: a Spiegelhalter (2005) data type, or none (counts and percentiles are
 * not compared: they have no denominator to plot against).
 */
public enum FunnelMethod {
    NONE(null),
    PR(SpiegelhalterFunnel.DataType.PR),
    SR_SHMI(SpiegelhalterFunnel.DataType.SR_SHMI),
    SR_CQC(SpiegelhalterFunnel.DataType.SR_CQC),
    RC(SpiegelhalterFunnel.DataType.RC);

    private final SpiegelhalterFunnel.DataType dataType;

    FunnelMethod(SpiegelhalterFunnel.DataType dataType) {
        this.dataType = dataType;
    }

    /** The Spiegelhalter data type, empty for {@link #NONE}. */
    public Optional<SpiegelhalterFunnel.DataType> dataType() {
        return Optional.ofNullable(dataType);
    }

    /**
     * The default for a measure type: PR for proportions, SR (FunnelPlotR's default SHMI method) for ratios, RC for
     * rates of one count over another, none otherwise.
     */
    public static FunnelMethod defaultFor(MeasureType type) {
        return switch (type) {
            case PROPORTION -> PR;
            case RATIO -> SR_SHMI;
            case RATE -> RC;
            case COUNT, PERCENTILE, MEAN -> NONE;
        };
    }
}
