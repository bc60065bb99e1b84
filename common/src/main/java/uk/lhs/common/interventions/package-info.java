/**
 * The interventions register: entries ({@link uk.lhs.common.interventions.Intervention}) read from
 * {@code interventions.yaml} by {@link uk.lhs.common.interventions.RegisterYaml} and checked against the data by
 * {@link uk.lhs.common.interventions.RegisterValidator}. No Spark, no I/O beyond the text handed in.
 */
package uk.lhs.common.interventions;
