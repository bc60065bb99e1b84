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
    SMALL_SUBGROUP
}
