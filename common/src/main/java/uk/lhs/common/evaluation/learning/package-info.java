/**
 * Learning across organisations: the per-trust effects of interventions of one type (the register's {@code type})
 * pooled per indicator and method by random-effects meta-analysis ({@link uk.lhs.common.evaluation.meta.MetaAnalysis}),
 * with caveats and a plain-English statement. Pure Java over small lists; {@code evaluation.spark.LearningRows} turns
 * gold.intervention_effects into {@link uk.lhs.common.evaluation.learning.SiteEffect}s and the results into rows of
 * gold.learning.
 */
package uk.lhs.common.evaluation.learning;
