/**
 * The interventions register: entries ({@link uk.lhs.common.evaluation.register.Intervention}) read from
 * {@code interventions.yaml} by {@link uk.lhs.common.evaluation.register.RegisterYaml} and checked against the data by
 * {@link uk.lhs.common.evaluation.register.RegisterValidator}. No Spark, no I/O beyond the text handed in.
 */
package uk.lhs.common.evaluation.register;
