/**
 * Statistical process control for indicator series: NHS England "Making Data Count" XmR charts with the four
 * special-cause rules, point types and icons (as NHSRplotthedots), Shewhart I/MR/P/U/C and Laney P′/U′ charts and
 * Anhøj run-chart rules (as qicharts2), and the same engine over CSV files.
 *
 * <p>Entry points: {@link uk.lhs.common.spc.SpcEngine#compute} (one pure call per {@link uk.lhs.common.spc.SpcSeries}
 * and {@link uk.lhs.common.spc.SpcOptions}), {@link uk.lhs.common.spc.RunChart#analyse} and
 * {@link uk.lhs.common.spc.SpcCsv#run}. No I/O, Spark or randomness inside the maths.
 */
package uk.lhs.common.spc;
