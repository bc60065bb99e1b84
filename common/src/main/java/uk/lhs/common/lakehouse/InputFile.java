package uk.lhs.common.lakehouse;

/**
 * A file a stage read, recorded in {@code gold.pipeline_runs} for lineage.
 *
 * @param path where it was read from
 * @param sha256 hex digest of its bytes (null for folders such as a Parquet dataset)
 * @param rows rows read (null when not counted)
 */
public record InputFile(String path, String sha256, Long rows) {}
