package uk.lhs.jobs.evaluate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.register.RegisterValidator;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.evaluation.spark.EvaluationTransform;
import uk.lhs.common.evaluation.spark.InterventionRows;
import uk.lhs.common.evaluation.spark.LearningRows;
import uk.lhs.common.evaluation.spark.ProgrammeTransform;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.indicators.Disclosure;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.common.text.Hashing;
import uk.lhs.common.vocab.Cols;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * {@code lhs evaluate}: loads the interventions register into {@code silver.interventions}, checks it against the
 * data, and writes one row per method plus a summary row for every intervention × indicator × exposed organisation,
 * twice by the same code: from {@code gold.indicator_values} (exact counts) to {@code gold.intervention_effects} for
 * analysts, and from {@code gold.indicator_values_published} (disclosure-controlled) to
 * {@code gold.intervention_effects_published}, which the dashboard reads: every figure in it comes from published counts
 * and a suppressed month is a gap. Each effects table's trust-level effects are then pooled per intervention type,
 * indicator and method ({@code lhs.learning.*}) into {@code gold.learning} / {@code gold.learning_published}. The register is checked against the exact values once and the same register is
 * evaluated on both. The register is {@code interventions.yaml} in the landing folder when present, else the file named
 * by {@code lhs.interventions}. Every table is replaced as a whole each run (an entry removed from the register
 * disappears; Delta history keeps the earlier version). With {@code --period}, only data up to that month are used.
 */
public final class EvaluateStage implements Stage {
    /** Name of a register file in the landing folder that supersedes the configured one. */
    public static final String LANDING_REGISTER = "interventions.yaml";

    /** One indicator values table evaluated into its effects table, and those effects pooled by type. */
    record Evaluation(TableContract input, TableContract effects, TableContract learning) {}

    /** What the stage evaluates, in order: the exact values (which the register is checked against), then published. */
    static final List<Evaluation> EVALUATIONS = List.of(
            new Evaluation(
                    IndicatorTables.INDICATOR_VALUES, EvaluationTables.INTERVENTION_EFFECTS, EvaluationTables.LEARNING),
            new Evaluation(
                    IndicatorTables.INDICATOR_VALUES_PUBLISHED,
                    EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED,
                    EvaluationTables.LEARNING_PUBLISHED));

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String description() {
        return "Evaluate the interventions register against gold.indicator_values (pre/post, SPC, ITS, DiD, synthetic"
                + " control, caveats, attribution) into gold.intervention_effects, and against"
                + " gold.indicator_values_published into gold.intervention_effects_published; for patient-level"
                + " indicators also per IMD quintile and on the Q1-Q5 gap and SII (gold.intervention_equity[_published]);"
                + " the per-trust effects of each intervention type pooled into gold.learning[_published];"
                + " programmes (staggered rollouts) also into gold.programme_effects[_published].";
    }

    /**
     * The revisions of the values evaluated ({@code CaveatCode.REVISED_DATA}), pinned and recorded as an input:
     * gold.revisions for the exact values, gold.revisions_published for the published ones; null when none exist.
     */
    private static Dataset<Row> revisions(Lakehouse lakehouse, Evaluation e, StageOutput out) {
        TableContract table =
                e.input().release() == Release.PUBLISHED ? VintageTables.REVISIONS_PUBLISHED : VintageTables.REVISIONS;
        return lakehouse
                .latest(table)
                .map(p -> {
                    out.read(new InputFile(p.versionedLocation(), null, null));
                    return p.rows();
                })
                .orElse(null);
    }

    @Override
    public void run(JobContext ctx, String period, StageOutput out) throws IOException {
        InterventionRegister register = loadRegister(ctx, out);
        Lakehouse lakehouse = ctx.lakehouse();
        List<Dataset<Row>> inputs = new ArrayList<>();
        for (Evaluation e : EVALUATIONS) {
            Lakehouse.Pinned pinned = lakehouse
                    .latest(e.input())
                    .orElseThrow(() -> new IllegalStateException(e.input().qualifiedName() + " does not exist at "
                            + lakehouse.location(e.input()) + "; run lhs indicators first"));
            out.read(new InputFile(pinned.versionedLocation(), null, null));
            out.read(e.input(), pinned.version());
            inputs.add(upTo(period, pinned.rows()));
        }
        if (!lakehouse.exists(IngestTables.ORGANISATIONS)) {
            throw new IllegalStateException("silver.organisations does not exist; run lhs ingest first");
        }
        Dataset<Row> organisations = out.read(
                IngestTables.ORGANISATIONS,
                lakehouse.latest(IngestTables.ORGANISATIONS).orElseThrow());
        var coverage = EvaluationTransform.coverage(inputs.get(0), organisations);
        register = withoutIndicatorsLackingData(register, coverage, out);
        RegisterValidator.requireValid(register, coverage);

        out.wrote(ctx.writer()
                .writeRows(
                        EvaluationTables.INTERVENTIONS,
                        InterventionRows.of(register, out.runId()),
                        functions.lit(true)));
        MetaOptions learning =
                LearningRows.options(ctx.config().learningMethod(), ctx.config().learningHartungKnapp());
        // Each input with its revisions, read once and shared by the effects, equity and programme evaluations.
        List<Dataset<Row>> revised = new ArrayList<>();
        for (int i = 0; i < EVALUATIONS.size(); i++) {
            revised.add(
                    EvaluationTransform.withRevisions(inputs.get(i), revisions(lakehouse, EVALUATIONS.get(i), out)));
        }
        for (int i = 0; i < EVALUATIONS.size(); i++) {
            // Persisted: the writer reads its source more than once (key check, MERGE), and each unit is evaluated
            // once.
            Dataset<Row> effects = Disclosure.stampedLike(
                            EVALUATIONS.get(i).effects(),
                            EvaluationTransform.effects(
                                    revised.get(i), organisations, register, EvaluationOptions.defaults(), out.runId()),
                            inputs.get(i))
                    .persist();
            try {
                out.wrote(ctx.writer().write(EVALUATIONS.get(i).effects(), effects, "true"));
                // What works where: the per-trust effects of each intervention type pooled (small; on the driver).
                out.wrote(ctx.writer()
                        .write(
                                EVALUATIONS.get(i).learning(),
                                Disclosure.stampedLike(
                                        EVALUATIONS.get(i).learning(),
                                        LearningRows.learning(effects, inputs.get(i), register, learning, out.runId()),
                                        inputs.get(i)),
                                "true"));
            } finally {
                effects.unpersist();
            }
        }
        EquityStep.write(ctx, inputs, revised, organisations, register, out);
        writeProgrammeEffects(ctx, out, register, inputs, revised, organisations);
        out.say("evaluated " + register.entries().size() + " intervention(s) from " + register.source() + " into "
                + String.join(
                        " and ",
                        EVALUATIONS.stream()
                                .map(e -> e.effects().qualifiedName())
                                .toList()));
    }

    /** Programme effects tables, in the order of {@link #EVALUATIONS}' inputs (exact, then published). */
    static final List<TableContract> PROGRAMME_EFFECTS =
            List.of(EvaluationTables.PROGRAMME_EFFECTS, EvaluationTables.PROGRAMME_EFFECTS_PUBLISHED);

    /**
     * Evaluates the register's programmes (entries with a rollout) by staggered difference-in-differences into
     * gold.programme_effects and its published twin, from the same two inputs as the per-organisation evaluation.
     *
     * @param revised the inputs with their revisions ({@link EvaluationTransform#withRevisions})
     */
    private static void writeProgrammeEffects(
            JobContext ctx,
            StageOutput out,
            InterventionRegister register,
            List<Dataset<Row>> inputs,
            List<Dataset<Row>> revised,
            Dataset<Row> organisations) {
        for (int i = 0; i < PROGRAMME_EFFECTS.size(); i++) {
            out.wrote(ctx.writer()
                    .write(
                            PROGRAMME_EFFECTS.get(i),
                            Disclosure.stampedLike(
                                    PROGRAMME_EFFECTS.get(i),
                                    ProgrammeTransform.effects(
                                            revised.get(i),
                                            organisations,
                                            register,
                                            StaggeredOptions.defaults(),
                                            out.runId()),
                                    inputs.get(i)),
                            "true"));
        }
    }

    /** The rows up to {@code period} (YYYY-MM), or all of them when it is null. */
    private static Dataset<Row> upTo(String period, Dataset<Row> values) {
        return period == null
                ? values
                : values.filter(
                        functions.col(Cols.PERIOD_START).leq(functions.lit(java.sql.Date.valueOf(period + "-01"))));
    }

    /**
     * Drops the register's indicators that have no rows in gold.indicator_values (their dataset, e.g. patient-level
     * spells, has not been loaded yet) and says so; an intervention left with no indicator is skipped whole. Every
     * other problem in the register stays an error.
     */
    static InterventionRegister withoutIndicatorsLackingData(
            InterventionRegister register, uk.lhs.common.evaluation.register.DataCoverage coverage, StageOutput out) {
        java.util.List<uk.lhs.common.evaluation.register.Intervention> kept = new java.util.ArrayList<>();
        for (uk.lhs.common.evaluation.register.Intervention i : register.entries()) {
            java.util.List<String> present = i.indicators().stream()
                    .filter(ind -> coverage.indicatorMonths().containsKey(ind))
                    .toList();
            java.util.List<String> absent = i.indicators().stream()
                    .filter(ind -> !coverage.indicatorMonths().containsKey(ind))
                    .toList();
            if (!absent.isEmpty()) {
                out.say("WARNING " + i.id() + ": not evaluated for " + String.join(", ", absent) + " (no rows in"
                        + " gold.indicator_values: is its dataset loaded and the indicator in conf/indicators?)");
            }
            if (!present.isEmpty()) {
                kept.add(i.withIndicators(present));
            }
        }
        return new InterventionRegister(kept, register.source());
    }

    /** Both places the register may be read from ({@link #loadRegister}): which one exists, and its bytes, matter. */
    @Override
    public List<String> filesUsed(JobContext ctx, String period) {
        return List.of(
                new Path(ctx.config().landing().toString(), LANDING_REGISTER).toString(),
                new Path(ctx.config().interventions().toString()).toString());
    }

    /** The landing folder's register if present, else the configured one; recorded as an input. */
    static InterventionRegister loadRegister(JobContext ctx, StageOutput out) throws IOException {
        Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
        Path landing = new Path(ctx.config().landing().toString(), LANDING_REGISTER);
        Path file = landing.getFileSystem(hadoop).exists(landing)
                ? landing
                : new Path(ctx.config().interventions().toString());
        FileSystem fs = file.getFileSystem(hadoop);
        if (!fs.exists(file)) {
            throw new IllegalStateException(
                    "no interventions register: neither " + landing + " nor " + file
                            + " (lhs.interventions) exists; create one (an empty list is allowed), see conf/interventions.yaml");
        }
        byte[] bytes;
        try (InputStream in = fs.open(file)) {
            bytes = in.readAllBytes();
        }
        InterventionRegister register = RegisterYaml.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
        out.read(new InputFile(file.toString(), Hashing.sha256(bytes), (long)
                register.entries().size()));
        return register;
    }
}
