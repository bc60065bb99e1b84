package uk.lhs.common.evaluation;

/**
 * The fixed catalogue of caveat codes attached to an evaluation (see {@link CaveatRules} for each rule) or to a pooled
 * effect across sites (the last three; see {@code uk.lhs.common.evaluation.learning.LearningCaveats}).
 */
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
    /** NHS England revised a month inside the window after first publishing it, and the revision moved the series. */
    REVISED_DATA,
    METHODS_DISAGREE,
    SMALL_SUBGROUP,
    /** Pooled effect (gold.learning) from fewer than 5 sites: tau2 and the prediction interval are imprecise. */
    FEW_SITES,
    /** Pooled effect whose sites differ more than chance allows: I2 >= 75% or Cochran's Q p < 0.10. */
    HIGH_HETEROGENEITY,
    /** Pooled sites share comparators or start together: their estimates are not independent. */
    SHARED_COMPARATORS,
    /** Staggered adoption: the two-way fixed-effects estimate and the Callaway-Sant'Anna overall ATT disagree. */
    TWFE_HETEROGENEITY
}
