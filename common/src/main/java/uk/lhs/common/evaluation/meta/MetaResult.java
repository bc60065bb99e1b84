package uk.lhs.common.evaluation.meta;

import java.io.Serializable;

/**
 * A pooled estimate.
 *
 * @param method the estimator actually used (REML falls back to DL when it does not converge)
 * @param fellBack true when REML did not converge and DL was used
 * @param k number of estimates pooled
 * @param estimate the pooled (inverse-variance weighted) estimate
 * @param se its standard error (the Hartung–Knapp one when {@code hartungKnapp})
 * @param ciLower lower limit of the 95% confidence interval
 * @param ciUpper upper limit
 * @param tau2 between-site variance τ² (0 for FE and for k = 1)
 * @param i2 I² in percent: 100·τ²/(τ² + s²) with s² the typical within-site variance (metafor's form; for FE, where τ²
 *     is assumed 0, 100·(Q − df)/Q truncated at 0, as metafor does)
 * @param q Cochran's Q (fixed-effect weights)
 * @param qDf its degrees of freedom, k − 1
 * @param qP its chi-square p-value (1 when k = 1)
 * @param piLower lower limit of the 95% prediction interval for a new site's effect; NaN when k &lt; 3
 * @param piUpper upper limit; NaN when k &lt; 3
 * @param hartungKnapp whether the Hartung–Knapp–Sidik–Jonkman interval was used
 * @param iterations iterations of the τ² estimator: REML's Fisher-scoring steps (the steps it tried when it fell
 *     back) or PM's function evaluations; 0 for FE and DL
 */
public record MetaResult(
        MetaMethod method,
        boolean fellBack,
        int k,
        double estimate,
        double se,
        double ciLower,
        double ciUpper,
        double tau2,
        double i2,
        double q,
        int qDf,
        double qP,
        double piLower,
        double piUpper,
        boolean hartungKnapp,
        int iterations)
        implements Serializable {}
