package uk.lhs.common.sources;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * What every {@link Source} gets for one ingest run.
 *
 * @param reference the organisation reference for this run
 * @param period the month {@code yyyy-MM} to keep, or null for all months; the ingest passes null (issue #18): a file
 *     is always loaded whole, and {@code --period} narrows only the stages after it
 * @param runId the run id, for lineage columns
 */
public record SourceContext(OrgReference reference, String period, String runId) {

    /** The records whose month is the run's period (all of them when the run has no period). */
    public <T> List<T> inPeriod(List<T> records, Function<T, LocalDate> month) {
        if (period == null) {
            return records;
        }
        LocalDate wanted = LocalDate.parse(period + "-01");
        return records.stream().filter(r -> wanted.equals(month.apply(r))).toList();
    }
}
