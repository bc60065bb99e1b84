package uk.lhs.common.evaluation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.ingest.RowHash;
import uk.lhs.common.ingest.SilverRows;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.spells.Readmissions;
import uk.lhs.common.spells.SpellConform;
import uk.lhs.common.spells.SpellMeasures;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.text.CsvLine;

/**
 * Equity ground truth: runs {@link EquityTransform} on one generated data set and joins the result to the generator's
 * truth. The patient-level indicator values are computed here from the generated spells with the project's own
 * spell code, without the pipeline's stages: the Parquet spells conformed by {@link SpellConform}, flagged by
 * {@link Readmissions} (NHS OF 3b) and summed by {@link SpellMeasures#aggregate} per trust, month and stratum, then
 * summed to systems (trust → ICB from the generated reference files). Indicators: readmit_30d (truth in
 * {@code truth/equity_effects.csv}) and los_mean (the injected shift of {@code truth/intervention_effects.csv} moves
 * every stay alike, so each quintile's truth is that shift and the gap's and SII's are 0).
 */
final class GroundTruthEquity {
    private GroundTruthEquity() {}

    private static final RowHash KEY = new RowHash("ground-truth-equity-key-0123456789abcdef");

    /**
     * One subgroup's truth and estimate.
     *
     * @param ci {lower, upper}, or null when the series could not be fitted
     */
    record Case(
            String id,
            String level,
            String org,
            String indicator,
            String subgroup,
            double trueEffect,
            Double estimate,
            double[] ci,
            boolean small) {
        boolean covered() {
            return ci != null && ci[0] <= trueEffect && trueEffect <= ci[1];
        }
    }

    static List<Case> evaluate(SparkSession spark, Path dir) throws IOException {
        Path ref = dir.resolve("reference");
        OrgReference reference = OrgReference.of(
                OrgReferenceParser.parseOdsEtr(RawCsv.read(ref.resolve("ods_etr.csv"))),
                OrgReferenceParser.parseSystemMapping(RawCsv.read(ref.resolve("System-Mapping.csv"))),
                OrgReferenceParser.parseSuccessors(RawCsv.read(ref.resolve("org_successors.csv"))));
        Dataset<Row> orgs = spark.createDataFrame(
                SilverRows.organisations(reference, "synthetic", "gt"), IngestTables.ORGANISATIONS.schema());
        Dataset<Row> parquet = spark.read().parquet(dir.resolve("spells").toString() + "/*.parquet");
        List<Column> cols = new ArrayList<>();
        for (String f : SpellTables.SPELL_FIELDS) {
            cols.add(col(f).cast(DataTypes.StringType).as(f));
        }
        cols.add(lit("sha").as("source_sha256"));
        cols.add(lit("part").as("source_file"));
        cols.add(col("_metadata.row_index").plus(1).cast(DataTypes.IntegerType).as("row_number"));
        cols.add(lit(SpellTables.DATASET_SPELLS_PARQUET).as("dataset"));
        Dataset<Row> silver = SpellConform.conform(parquet.select(cols.toArray(new Column[0])), "gt", KEY)
                .silver();
        // Expected counts (the ISR's risk model) are not needed for readmit_30d and los_mean.
        Dataset<Row> trust = SpellMeasures.aggregate(Readmissions.flag(silver).withColumn("expected_p", lit(0.0)), "gt")
                .filter(col("indicator_id").isin("readmit_30d", "los_mean"))
                .select(
                        col("org_code"),
                        col("period_start"),
                        col("indicator_id"),
                        col("stratum"),
                        col("numerator"),
                        col("denominator"));
        Dataset<Row> system = trust.join(
                        orgs.filter(col("org_level").equalTo("trust"))
                                .select(col("org_code").as("t_code"), col("system_code")),
                        col("t_code").equalTo(col("org_code")))
                .groupBy(col("system_code").as("org_code"), col("period_start"), col("indicator_id"), col("stratum"))
                .agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"));
        Dataset<Row> values = trust.withColumn("org_level", lit("trust"))
                .unionByName(system.withColumn("org_level", lit("system")))
                .withColumn("org_name", col("org_code"))
                .withColumn("status", lit("ok"))
                .withColumn("unit", lit("proportion"))
                .cache();

        InterventionRegister register =
                RegisterYaml.parse(Files.readString(dir.resolve("interventions.yaml")), "generated");
        Map<String, EquityTransform.IndicatorSettings> settings = Map.of(
                "readmit_30d", new EquityTransform.IndicatorSettings(1, 30),
                "los_mean", new EquityTransform.IndicatorSettings(1, 30));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : EquityTransform.equity(values, orgs, register, settings, EvaluationOptions.defaults(), "gt")
                .collectAsList()) {
            rows.put(
                    String.join(
                            "|",
                            r.<String>getAs("intervention_id"),
                            r.getAs("org_level"),
                            r.getAs("org_code"),
                            r.getAs("indicator_id"),
                            r.getAs("subgroup")),
                    r);
        }
        values.unpersist();
        List<Case> cases = new ArrayList<>();
        List<String> equity = Files.readAllLines(dir.resolve("truth/equity_effects.csv"));
        for (String line : equity.subList(1, equity.size())) {
            List<String> t = CsvLine.split(line);
            if (!t.get(4).equals("all")) {
                cases.add(of(rows, t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), Double.parseDouble(t.get(5))));
            }
        }
        List<String> effects = Files.readAllLines(dir.resolve("truth/intervention_effects.csv"));
        for (String line : effects.subList(1, effects.size())) {
            List<String> t = CsvLine.split(line);
            if (t.get(2).equals("los_mean")) {
                for (String s : List.of("imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5", "gap_q1_q5", "sii")) {
                    double truth = s.startsWith("imd_q") ? Double.parseDouble(t.get(3)) : 0;
                    cases.add(of(rows, t.get(0), "trust", t.get(1), "los_mean", s, truth));
                }
            }
        }
        return cases;
    }

    private static Case of(
            Map<String, Row> rows,
            String id,
            String level,
            String org,
            String indicator,
            String subgroup,
            double truth) {
        Row r = rows.get(String.join("|", id, level, org, indicator, subgroup));
        if (r == null) {
            throw new AssertionError("no equity row for truth " + id + " " + level + " " + org + " " + subgroup);
        }
        Double lo = r.getAs("ci_lower");
        Double hi = r.getAs("ci_upper");
        boolean small =
                r.<Row>getList(r.fieldIndex("caveats")).stream().anyMatch(c -> "SMALL_SUBGROUP".equals(c.getString(0)));
        return new Case(
                id,
                level,
                org,
                indicator,
                subgroup,
                truth,
                r.getAs("estimate"),
                lo == null || hi == null ? null : new double[] {lo, hi},
                small);
    }
}
