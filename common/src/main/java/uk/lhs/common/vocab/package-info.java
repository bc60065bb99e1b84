/**
 * The project's vocabulary, declared once: shared column names ({@link uk.lhs.common.vocab.Cols}), the whole-population
 * stratum, organisation levels, the England and unmapped pseudo-organisations, chart types and improvement directions.
 * Pure Java: no Spark.
 */
package uk.lhs.common.vocab;
