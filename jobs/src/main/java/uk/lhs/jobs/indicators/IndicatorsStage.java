package uk.lhs.jobs.indicators;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.indicators.CatalogLoader;
import uk.lhs.common.indicators.Disclosure;
import uk.lhs.common.indicators.FunnelTransforms;
import uk.lhs.common.indicators.Indicator;
import uk.lhs.common.indicators.IndicatorCatalog;
import uk.lhs.common.indicators.IndicatorDatasets;
import uk.lhs.common.indicators.IndicatorEngine;
import uk.lhs.common.indicators.IndicatorTransforms;
import uk.lhs.common.indicators.InequalityTransform;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * {@code lhs indicators}: computes every catalog indicator from silver at trust, system, region and England level.
 *
 * <p>Steps: (1) load and validate the catalog ({@code lhs.indicators-dir}) — an invalid catalog stops the stage
 * before Spark does any work; (2) when silver.spells exists, compute silver.spell_measures from it
 * ({@link SpellMeasuresStep}); (3) read the silver datasets the catalog draws on that exist, and
 * silver.organisations for names (and to place spell measures in systems and regions); (4) sum each indicator per
 * trust, month and stratum, complete the months, sum to the higher levels and compute values, intervals and status
 * (common {@code IndicatorEngine}); (5) write gold.indicator_values, its disclosure-controlled copy
 * gold.indicator_values_published, gold.funnel_points (stratum all) and gold.inequality (SII/RII across IMD
 * quintiles) — each a MERGE on the key that also removes rows of the computed indicators and months that are no
 * longer produced, so a re-run is idempotent and {@code --period} rewrites exactly one month; for months NHS England
 * re-published since the last run (silver.vintages), the values that changed go to gold.revisions and
 * gold.revisions_published ({@link RevisionsStep}).
 */
public final class IndicatorsStage implements Stage {
    @Override
    public String name() {
        return "indicators";
    }

    @Override
    public String description() {
        return "Compute the indicator catalog (conf/indicators) from silver at trust, system, region and England level"
                + " (and silver.spell_measures from silver.spells) into gold.indicator_values, gold.indicator_values_published,"
                + " gold.funnel_points and gold.inequality, and the published (disclosure-controlled) forms of the last two.";
    }

    /** The catalog's files ({@code lhs.indicators-dir}). */
    @Override
    public List<String> filesUsed(JobContext ctx, String period) throws IOException {
        return ctx.catalogFiles();
    }

    @Override
    public void run(JobContext ctx, String period, StageOutput out) {
        // Refuses settings weaker than the NHS rule before anything is written.
        Thresholds thresholds = ctx.config().disclosure();
        IndicatorCatalog catalog = CatalogLoader.load(ctx.config().indicatorsDir());
        if (!catalog.forDataset(IndicatorDatasets.SPELL_MEASURES).isEmpty()) {
            SpellMeasuresStep.run(ctx, period, out);
        }
        Dataset<Row> orgs = ctx.lakehouse().exists(IngestTables.ORGANISATIONS)
                ? out.read(
                        IngestTables.ORGANISATIONS,
                        ctx.lakehouse().latest(IngestTables.ORGANISATIONS).orElseThrow())
                : ctx.spark().createDataFrame(List.of(), IngestTables.ORGANISATIONS.schema());
        Map<String, Dataset<Row>> datasets = new LinkedHashMap<>();
        for (String name : IndicatorDatasets.names()) {
            Optional<TableContract> table = IndicatorDatasets.contract(name);
            if (table.isPresent()
                    && !catalog.forDataset(name).isEmpty()
                    && ctx.lakehouse().exists(table.get())) {
                Dataset<Row> rows = out.read(
                        table.get(), ctx.lakehouse().latest(table.get()).orElseThrow());
                // Spell measures carry only the trust: place them in systems and regions from the reference.
                datasets.put(
                        name,
                        name.equals(IndicatorDatasets.SPELL_MEASURES) ? IndicatorTransforms.placed(rows, orgs) : rows);
            }
        }
        if (datasets.isEmpty()) {
            throw new IllegalStateException("no silver dataset the indicator catalog draws on exists yet ("
                    + IndicatorDatasets.names() + "); run `lhs ingest` first");
        }
        List<String> ids = catalog.indicators().stream()
                .filter(i -> datasets.containsKey(i.dataset()))
                .map(Indicator::id)
                .toList();
        LocalDate month = period == null ? null : LocalDate.parse(period + "-01");
        Timestamp now = Timestamp.from(ctx.clock().instant());

        Dataset<Row> measures = IndicatorTransforms.trustMeasures(catalog, datasets);
        // Kept in memory: the three gold tables are all derived from these rows.
        Dataset<Row> values = IndicatorEngine.values(measures, orgs, catalog, month, out.runId(), now)
                .persist();
        try {
            String scope =
                    "t.indicator_id IN (" + ids.stream().map(i -> "'" + i + "'").collect(Collectors.joining(", ")) + ")"
                            + (month == null ? "" : " AND t.period_start = DATE'" + month + "'");
            RevisionsStep revisions = RevisionsStep.before(ctx);
            write(ctx, out, IndicatorTables.INDICATOR_VALUES, values, scope);
            Dataset<Row> published =
                    Disclosure.published(values, measures, catalog, thresholds).persist();
            try {
                write(ctx, out, IndicatorTables.INDICATOR_VALUES_PUBLISHED, published, scope);
                revisions.after(ctx, out, catalog, ids, month, values, published, thresholds);
                write(
                        ctx,
                        out,
                        IndicatorTables.FUNNEL_POINTS,
                        FunnelTransforms.funnelPoints(values, catalog, out.runId(), now),
                        scope);
                // The published comparison uses the published counts alone: every figure derives from them.
                write(
                        ctx,
                        out,
                        IndicatorTables.FUNNEL_POINTS_PUBLISHED,
                        Disclosure.stamped(
                                FunnelTransforms.funnelPoints(published, catalog, out.runId(), now), thresholds),
                        scope);
                write(
                        ctx,
                        out,
                        IndicatorTables.INEQUALITY,
                        InequalityTransform.inequality(values, InequalityTransform.GOLD_REPETITIONS, out.runId(), now),
                        scope);
                write(
                        ctx,
                        out,
                        IndicatorTables.INEQUALITY_PUBLISHED,
                        Disclosure.stamped(
                                InequalityTransform.inequality(
                                        published, InequalityTransform.GOLD_REPETITIONS, out.runId(), now),
                                thresholds),
                        scope);
            } finally {
                published.unpersist();
            }
            out.say(ids.size() + " indicators from " + datasets.keySet()
                    + (month == null ? ", every month" : ", " + period) + "; disclosure: suppress 1-"
                    + (ctx.config().disclosureSuppressBelow() - 1)
                    + " (and what subtraction would reveal), round to "
                    + ctx.config().disclosureRoundTo());
        } finally {
            values.unpersist();
        }
    }

    private static void write(JobContext ctx, StageOutput out, TableContract table, Dataset<Row> rows, String scope) {
        WriteResult r = ctx.writer().write(table, rows, scope);
        out.wrote(r);
        out.say(String.format(
                "%-32s version %d: %d inserted, %d updated or removed",
                table.qualifiedName(), r.version(), r.rowsInserted(), r.rowsUpdated()));
    }
}
