/**
 * The evaluation stage's Spark side: {@link uk.lhs.common.evaluation.spark.EvaluationTransform} joins
 * {@code gold.indicator_values}, {@code silver.organisations} and the interventions register into one group of
 * series per intervention × indicator × exposed organisation, evaluates each group on an executor with
 * {@link uk.lhs.common.evaluation.InterventionEvaluator}, and returns rows of {@code gold.intervention_effects}
 * ({@link uk.lhs.common.evaluation.spark.EffectRows}, with a plain-English {@link uk.lhs.common.evaluation.spark.Statements statement}
 * per row). {@link uk.lhs.common.evaluation.spark.InterventionRows} gives the rows of {@code silver.interventions}.
 */
package uk.lhs.common.evaluation.spark;
