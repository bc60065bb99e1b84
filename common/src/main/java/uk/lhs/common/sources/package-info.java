/**
 * Readers for the real NHS England publications: tokenising ({@link uk.lhs.common.sources.RawCsv}), recognising the
 * dataset from its header ({@link uk.lhs.common.sources.Dataset}), typing and validating every row into
 * {@link uk.lhs.common.sources.ParseResult}s with precise {@link uk.lhs.common.sources.QuarantineEntry}s, and the
 * organisation reference ({@link uk.lhs.common.sources.OrgReference}). Pure Java, no Spark.
 */
package uk.lhs.common.sources;
