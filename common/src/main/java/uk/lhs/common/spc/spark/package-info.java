/**
 * The SPC stage's pure Spark transform: every series of {@code gold.indicator_values} charted by the engine in
 * {@link uk.lhs.common.spc} ({@link uk.lhs.common.spc.spark.SpcTransform}), the chart chosen per indicator
 * ({@link uk.lhs.common.spc.spark.ChartChoice}) and the {@code lhs.spc} settings
 * ({@link uk.lhs.common.spc.spark.SpcSettings}). Output tables: {@link uk.lhs.common.tables.SpcTables}.
 */
package uk.lhs.common.spc.spark;
