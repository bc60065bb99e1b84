package uk.lhs.common.evaluation;

/** The fixed catalogue of caveat codes attached to an evaluation (see {@link CaveatRules} for each rule). */
public enum CaveatCode {
    SHORT_BASELINE,
    SHORT_FOLLOW_UP,
    PRE_TREND,
    SEASONALITY_UNADJUSTED,
    AUTOCORRELATION,
    REGRESSION_TO_MEAN,
    CONCURRENT_INTERVENTION,
    NO_COMPARATOR,
    COMPARATOR_DIVERGENCE,
    SECULAR_TREND,
    DATA_GAPS,
    SMALL_NUMBERS,
    ORG_CHANGE,
    METHODS_DISAGREE,
    /** Staggered adoption: the two-way fixed-effects estimate and the Callaway-Sant'Anna overall ATT disagree. */
    TWFE_HETEROGENEITY
}
