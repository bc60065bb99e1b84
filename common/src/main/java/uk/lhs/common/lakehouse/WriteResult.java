package uk.lhs.common.lakehouse;

/**
 * What one write committed.
 *
 * @param table qualified table name
 * @param version the Delta version the write produced (or the current version when it had nothing to commit)
 * @param rowsInserted rows added
 * @param rowsUpdated rows whose values changed or that were removed because a re-publication replaced them
 */
public record WriteResult(String table, long version, long rowsInserted, long rowsUpdated) {}
