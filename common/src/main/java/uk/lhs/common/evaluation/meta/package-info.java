/**
 * Pure meta-analysis maths for pooling per-site effect estimates ("what works where", issue #21): fixed effect
 * (inverse variance), random effects with the REML (Viechtbauer 2005), DerSimonian–Laird (1986) and Paule–Mandel
 * (1982) estimators of τ², optional Hartung–Knapp–Sidik–Jonkman intervals, the 95% prediction interval (Higgins,
 * Thompson &amp; Spiegelhalter 2009), I² (Higgins &amp; Thompson 2002) and Cochran's Q. Entry point:
 * {@link uk.lhs.common.evaluation.meta.MetaAnalysis#pool}; {@link uk.lhs.common.evaluation.meta.MetaCsv} is the same
 * over a CSV ({@code lhs meta-csv}). No I/O of its own, no Spark, deterministic. A pooled estimate describes an
 * association across sites, never a cause.
 */
package uk.lhs.common.evaluation.meta;
