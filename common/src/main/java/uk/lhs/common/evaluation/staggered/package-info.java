/**
 * Staggered difference-in-differences for programmes that reach organisations at different times: Callaway &amp;
 * Sant'Anna (2021) group-time average treatment effects ATT(g,t) under unconditional parallel trends, their
 * {@code simple}, {@code group}, {@code dynamic} (event study) and {@code calendar} aggregations with a multiplier
 * bootstrap clustered by unit (pointwise intervals and simultaneous bands), the placebo pre-test, and the two-way
 * fixed effects estimate beside them; computed as the authors' R package {@code did} does. Entry point:
 * {@link uk.lhs.common.evaluation.staggered.StaggeredDid#estimate}; {@code StaggeredCsv}
 * runs it over a long CSV ({@code lhs did-csv}). No I/O, no Spark, deterministic for a seed. Results describe
 * association, never causation.
 */
package uk.lhs.common.evaluation.staggered;
