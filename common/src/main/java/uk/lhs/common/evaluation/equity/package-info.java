/**
 * Equity of intervention effects (pure Java, no Spark): the effect of an intervention in each IMD quintile, on the
 * gap between the most and least deprived quintiles (Q1 minus Q5) and on the slope index of inequality, each by
 * interrupted time series with Newey–West HAC intervals on the monthly series. Entry point:
 * {@link uk.lhs.common.evaluation.equity.EquityEvaluator#evaluate}. Results describe association, never causation.
 */
package uk.lhs.common.evaluation.equity;
