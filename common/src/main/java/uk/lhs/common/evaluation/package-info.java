/**
 * Pure intervention-evaluation maths for one intervention × indicator × organisation: pre/post (Welch), an XmR check
 * with limits frozen on the baseline, interrupted time series (segmented regression with Newey–West HAC errors,
 * cross-checked against statsmodels), difference-in-differences against the comparator mean with a parallel-trends
 * test, and a synthetic control with placebo-in-space inference; then plain-English caveats and an attribution level
 * on a fixed ordinal scale. Entry point: {@link uk.lhs.common.evaluation.InterventionEvaluator#evaluate}. No I/O, no
 * Spark, deterministic. Results describe association, never causation.
 */
package uk.lhs.common.evaluation;
