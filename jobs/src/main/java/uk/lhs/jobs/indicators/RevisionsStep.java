package uk.lhs.jobs.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.indicators.Disclosure;
import uk.lhs.common.indicators.Indicator;
import uk.lhs.common.indicators.IndicatorCatalog;
import uk.lhs.common.indicators.IndicatorDatasets;
import uk.lhs.common.indicators.RevisionsTransform;
import uk.lhs.common.indicators.RevisionsTransform.RevisedMonth;
import uk.lhs.common.ingest.Vintages;
import uk.lhs.common.ingest.Vintages.Vintage;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * The indicators stage's revisions: pins gold.indicator_values and its published form before the stage writes them,
 * then, for each month whose current vintage (silver.vintages) superseded an earlier vintage and has not been compared
 * yet, compares the new values with the pinned ones (Delta time travel) into gold.revisions
 * and gold.revisions_published, and marks the vintages as compared.
 */
final class RevisionsStep {
    private final Optional<Lakehouse.Pinned> values;
    private final Optional<Lakehouse.Pinned> published;

    private RevisionsStep(Optional<Lakehouse.Pinned> values, Optional<Lakehouse.Pinned> published) {
        this.values = values;
        this.published = published;
    }

    /** Pins the tables' current versions: call before the stage writes them. */
    static RevisionsStep before(JobContext ctx) {
        return new RevisionsStep(
                ctx.lakehouse().latest(IndicatorTables.INDICATOR_VALUES),
                ctx.lakehouse().latest(IndicatorTables.INDICATOR_VALUES_PUBLISHED));
    }

    /**
     * Writes the revisions of the computed indicators' months (one month when {@code month} is given).
     *
     * @param valuesNow the values the stage wrote
     * @param publishedNow the published values the stage wrote
     */
    void after(
            JobContext ctx,
            StageOutput out,
            IndicatorCatalog catalog,
            List<String> ids,
            LocalDate month,
            Dataset<Row> valuesNow,
            Dataset<Row> publishedNow,
            Thresholds thresholds) {
        ctx.writer().ensure(VintageTables.REVISIONS);
        ctx.writer().ensure(VintageTables.REVISIONS_PUBLISHED);
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (String id : ids) {
            Indicator i = catalog.byId(id).orElseThrow();
            IndicatorDatasets.contract(i.dataset())
                    .ifPresent(t -> byTable.computeIfAbsent(t.qualifiedName(), k -> new ArrayList<>())
                            .add(id));
        }
        List<Vintage> all = Vintages.stored(ctx.lakehouse());
        List<Vintage> pending = all.stream()
                .filter(v -> v.current() && v.comparedInRun() == null)
                .filter(v -> byTable.containsKey(v.silverTable()))
                .filter(v -> month == null || v.month().equals(month))
                .toList();
        if (pending.isEmpty()) {
            return;
        }
        // A first vintage superseded nothing: only re-publications are compared (and then marked, so the next run
        // compares a later vintage with this one).
        List<RevisedMonth> revised = new ArrayList<>();
        List<Vintage> compared = new ArrayList<>();
        for (Vintage v : pending) {
            List<Vintage> sameMonth = all.stream()
                    .filter(o ->
                            o.silverTable().equals(v.silverTable()) && o.month().equals(v.month()))
                    .toList();
            Vintages.previous(v, sameMonth).ifPresent(p -> {
                compared.add(v);
                for (String id : byTable.get(v.silverTable())) {
                    revised.add(new RevisedMonth(id, v.month(), p.sha256(), v.sha256()));
                }
            });
        }
        if (compared.isEmpty()) {
            return;
        }
        if (values.isPresent()) {
            Dataset<Row> months = RevisionsTransform.revisedMonths(ctx.spark(), revised);
            write(
                    ctx,
                    out,
                    ctx.writer()
                            .write(
                                    VintageTables.REVISIONS,
                                    RevisionsTransform.revisions(values.get().rows(), valuesNow, months, out.runId())));
            if (published.isPresent()) {
                write(
                        ctx,
                        out,
                        ctx.writer()
                                .write(
                                        VintageTables.REVISIONS_PUBLISHED,
                                        Disclosure.stamped(
                                                RevisionsTransform.revisions(
                                                        published.get().rows(), publishedNow, months, out.runId()),
                                                thresholds)));
            }
        }
        write(
                ctx,
                out,
                ctx.writer()
                        .writeRows(
                                VintageTables.VINTAGES,
                                compared.stream()
                                        .map(v -> v.comparedIn(out.runId()).toRow())
                                        .toList(),
                                null));
    }

    private static void write(JobContext ctx, StageOutput out, WriteResult r) {
        out.wrote(r);
        out.say(String.format(
                "%-32s version %d: %d inserted, %d updated or removed",
                r.table(), r.version(), r.rowsInserted(), r.rowsUpdated()));
    }
}
