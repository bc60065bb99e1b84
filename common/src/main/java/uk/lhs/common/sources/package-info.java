/**
 * Readers for the real NHS England publications, as plug-ins of the ingest. This package holds the shared kit —
 * tokenising ({@link uk.lhs.common.sources.RawCsv}), typing and validating rows into
 * {@link uk.lhs.common.sources.ParseResult}s with precise {@link uk.lhs.common.sources.QuarantineEntry}s, published
 * numbers, periods, the organisation reference — the parsers and records of the datasets, the plug-in interface
 * {@link uk.lhs.common.sources.Source} and its registry {@link uk.lhs.common.sources.Sources} (which recognises a
 * file's dataset from its header). One {@code *Source} per dataset lives in {@code sources.<dataset>}; only those
 * classes touch Spark rows and table contracts. This package never imports a sub-package: the registry finds the
 * plug-ins through {@code META-INF/services/uk.lhs.common.sources.Source}.
 */
package uk.lhs.common.sources;
