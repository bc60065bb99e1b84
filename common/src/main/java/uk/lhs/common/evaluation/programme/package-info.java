/**
 * Staggered-adoption evaluation of programmes (register entries with a rollout): builds the trusts' monthly panel,
 * runs the Callaway and Sant'Anna (2021) estimator of {@link uk.lhs.common.evaluation.staggered}, and adds caveats,
 * an attribution level and a plain-English statement. Pure Java, tested without Spark.
 */
package uk.lhs.common.evaluation.programme;
