/**
 * Pure statistics for indicators: confidence intervals (Wilson, Byar, exact Poisson), funnel-plot limits (PHE and
 * Spiegelhalter overdispersion), inequality indices (SII/RII) and banded percentiles (RTT). Plain arrays and records in,
 * records out; no I/O, no Spark; deterministic. Each method cites its source in a short comment.
 */
package uk.lhs.common.stats;
