package uk.lhs.common.sources;

/**
 * What every {@link Source} gets for one ingest run. There is no period: a file is always loaded whole, and
 * {@code --period} narrows only the stages after ingest (issue #18).
 *
 * @param reference the organisation reference for this run
 * @param runId the run id, for lineage columns
 */
public record SourceContext(OrgReference reference, String runId) {}
