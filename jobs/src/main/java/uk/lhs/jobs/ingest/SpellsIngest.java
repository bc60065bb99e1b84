package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.ingest.DataQualityRows;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.spells.EpisodeLinker;
import uk.lhs.common.spells.SpellConform;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * Ingests patient-level spells from {@code <landing>/spells/}: spell-level Parquet parts (schema
 * conf/schemas/spell.avsc), spell-level CSV files (same field names) and episode-level CSV files (with EPIORDER),
 * which are linked into spells. Only files whose sha256 is not yet in {@code bronze.files} are read, so a part that
 * lands twice is skipped. Writes every row as read to {@code bronze.spells}, validated spells to
 * {@code silver.spells} (MERGE on spell id), bad rows to {@code silver.quarantine} (file, row, column, reason and the
 * row's keyed hash only: no field of a patient row leaves bronze), a finding per file with
 * quarantined rows to {@code gold.data_quality}, and the files to {@code bronze.files} last (a run killed earlier
 * redoes them idempotently). An episode-linked spell whose SPELL_ID a spell-level file also supplies is not loaded
 * again: the spell-level row is authoritative.
 */
public final class SpellsIngest {
    private SpellsIngest() {}

    /** Runs the spell ingest for the context's landing folder; does nothing when there is no {@code spells/}. */
    public static void run(JobContext ctx, StageOutput out) {
        run(ctx, out, List.of());
    }

    /**
     * Runs the spell ingest for the landing folder's {@code spells/} plus {@code elsewhere}: HES APC-like CSV files the
     * publication scan found outside {@code spells/} (e.g. NHS Digital's artificial HES APC sample).
     */
    static void run(JobContext ctx, StageOutput out, List<SpellLanding.SpellFile> elsewhere) {
        SparkSession spark = ctx.spark();
        String runId = out.runId();
        SpellLanding landing = new SpellLanding(
                ctx.config().landing().toString(), spark.sparkContext().hadoopConfiguration());
        Set<String> known = IngestStage.knownHashes(ctx);
        long cap = ctx.config().ingestMaxSpellFileBytes();
        Map<String, SpellLanding.SpellFile> fresh = new LinkedHashMap<>();
        List<SpellLanding.SpellFile> candidates = new ArrayList<>(landing.files());
        candidates.addAll(elsewhere);
        List<Row> files = new ArrayList<>();
        Set<String> seen = new HashSet<>(known);
        for (SpellLanding.SpellFile f : candidates) {
            if (!seen.add(f.sha256())) {
                continue;
            }
            if (f.size() > cap) {
                String message = IngestStage.tooLarge(f.name(), f.size(), cap, IngestStage.MAX_SPELL_FILE_BYTES)
                        .getMessage();
                files.add(fileRow(f, null, null, null, "rejected", message, runId, ctx));
                out.say(f.name() + ": rejected: " + message);
                continue;
            }
            fresh.put(f.sha256(), f);
        }
        if (fresh.isEmpty()) {
            IngestStage.recordFiles(ctx, out, files);
            return;
        }
        List<SpellLanding.SpellFile> parquet =
                fresh.values().stream().filter(SpellLanding.SpellFile::parquet).toList();
        Map<String, String> datasetBySha = new HashMap<>();
        Map<String, List<String>> headerBySha = new HashMap<>();
        Dataset<Row> csvFrames = null;
        for (SpellLanding.SpellFile f : fresh.values()) {
            if (f.parquet()) {
                datasetBySha.put(f.sha256(), SpellTables.DATASET_SPELLS_PARQUET);
                continue;
            }
            try {
                String[] header = landing.header(f);
                String dataset = csvDataset(f.name(), header);
                datasetBySha.put(f.sha256(), dataset);
                headerBySha.put(f.sha256(), Arrays.asList(header));
                Dataset<Row> frame = readCsv(spark, f, header, dataset, runId);
                csvFrames = csvFrames == null ? frame : csvFrames.unionByName(frame);
            } catch (SourceFileException e) {
                files.add(fileRow(f, null, null, null, "rejected", e.getMessage(), runId, ctx));
                out.say(f.name() + ": rejected: " + e.getMessage());
            }
        }
        StructType schema = SpellTables.BRONZE_SPELLS.schema();
        Dataset<Row> parquetBronze = parquet.isEmpty() ? null : readParquet(spark, parquet, runId);
        Dataset<Row> bronze = csvFrames == null ? parquetBronze : csvFrames;
        if (parquetBronze != null && csvFrames != null) {
            bronze = parquetBronze.unionByName(csvFrames);
        }
        List<String> bronzeShas = fresh.values().stream()
                .filter(f -> datasetBySha.containsKey(f.sha256()))
                .map(SpellLanding.SpellFile::sha256)
                .toList();
        if (bronze != null) {
            BronzeAppend.write(ctx, SpellTables.BRONZE_SPELLS, bronze, bronzeShas)
                    .forEach(out::wrote);
        }
        // The CSV rows are read back from bronze (one cheap Delta scan) rather than re-parsed by every action below.
        List<String> csvShas = headerBySha.keySet().stream().sorted().toList();
        Dataset<Row> csvBronze = csvShas.isEmpty()
                ? DeltaTableWriter.driverFrame(spark, List.of(), schema)
                : ctx.lakehouse()
                        .read(SpellTables.BRONZE_SPELLS)
                        .where(col("source_sha256").isin(csvShas.toArray()));
        Map<String, Long> csvRows = new HashMap<>();
        for (Row r : csvBronze.groupBy("source_sha256").agg(count(lit(1))).collectAsList()) {
            csvRows.put(r.getString(0), r.getLong(1));
        }
        for (String sha : csvShas) {
            SpellLanding.SpellFile f = fresh.get(sha);
            files.add(fileRow(
                    f,
                    datasetBySha.get(sha),
                    csvRows.getOrDefault(sha, 0L),
                    headerBySha.get(sha),
                    "loaded",
                    null,
                    runId,
                    ctx));
        }

        Dataset<Row> newRows = csvBronze
                .filter(col("dataset").equalTo(SpellTables.DATASET_SPELLS_CSV))
                .select(rawColumns());
        if (parquetBronze != null) {
            newRows = parquetBronze.select(rawColumns()).unionByName(newRows);
        }
        if (datasetBySha.containsValue(SpellTables.DATASET_EPISODES_CSV)) {
            Dataset<Row> episodes =
                    withSpellKey(csvBronze.filter(col("dataset").equalTo(SpellTables.DATASET_EPISODES_CSV)));
            Dataset<Row> linked = EpisodeLinker.link(episodes).select(rawColumns());
            linked = linked.join(
                    newRows.select(col("SPELL_ID").as("_sid")), col("SPELL_ID").equalTo(col("_sid")), "left_anti");
            if (ctx.lakehouse().exists(SpellTables.SILVER_SPELLS)) {
                Dataset<Row> ids = ctx.lakehouse()
                        .read(SpellTables.SILVER_SPELLS)
                        .select(col("spell_id").cast(DataTypes.StringType).as("_sid"));
                linked = linked.join(ids, col("SPELL_ID").equalTo(col("_sid")), "left_anti");
            }
            newRows = newRows.unionByName(linked);
        }
        Scratch scratch = new Scratch(ctx, "spells-checked-" + runId);
        try {
            SpellConform.Result conformed = SpellConform.split(
                    scratch.materialise(SpellConform.check(newRows, storedPatients(ctx))),
                    runId,
                    IngestStage.rowHash(ctx));
            out.wrote(ctx.writer().write(SpellTables.SILVER_SPELLS, conformed.silver()));
            Dataset<Row> quarantine = conformed.quarantine().cache();
            out.wrote(ctx.writer().write(IngestTables.QUARANTINE, quarantine));
            finish(ctx, out, runId, fresh, elsewhere, datasetBySha, parquetBronze, quarantine, files);
        } finally {
            scratch.delete();
        }
    }

    /** spell_id and patient_id of the stored spells (null before the first spells load). */
    private static Dataset<Row> storedPatients(JobContext ctx) {
        return ctx.lakehouse().exists(SpellTables.SILVER_SPELLS)
                ? ctx.lakehouse().read(SpellTables.SILVER_SPELLS).select("spell_id", "patient_id")
                : null;
    }

    private static void finish(
            JobContext ctx,
            StageOutput out,
            String runId,
            Map<String, SpellLanding.SpellFile> fresh,
            List<SpellLanding.SpellFile> elsewhere,
            Map<String, String> datasetBySha,
            Dataset<Row> parquetBronze,
            Dataset<Row> quarantine,
            List<Row> files) {

        Map<String, Long> quarantined = new HashMap<>();
        for (Row r : quarantine
                .groupBy("source_sha256")
                .agg(org.apache.spark.sql.functions.countDistinct(col("row_number")))
                .collectAsList()) {
            quarantined.put(r.getString(0), r.getLong(1));
        }
        quarantine.unpersist();
        Map<String, Long> parquetRows = new HashMap<>();
        if (parquetBronze != null) {
            for (Row r :
                    parquetBronze.groupBy("source_sha256").agg(count(lit(1))).collectAsList()) {
                parquetRows.put(r.getString(0), r.getLong(1));
            }
        }
        List<Row> quality = new ArrayList<>();
        for (SpellLanding.SpellFile f : fresh.values()) {
            if (f.parquet()) {
                files.add(fileRow(
                        f,
                        SpellTables.DATASET_SPELLS_PARQUET,
                        parquetRows.getOrDefault(f.sha256(), 0L),
                        SpellTables.SPELL_FIELDS,
                        "loaded",
                        null,
                        runId,
                        ctx));
            }
            long bad = quarantined.getOrDefault(f.sha256(), 0L);
            Long rows = f.parquet() ? parquetRows.get(f.sha256()) : null;
            if (!elsewhere.contains(f)) {
                out.read(new InputFile(f.path(), f.sha256(), rows)); // the publication scan recorded the others
            }
            out.say(String.format(
                    Locale.ROOT,
                    "%-40s %-24s quarantined %d row(s)",
                    f.name(),
                    datasetBySha.getOrDefault(f.sha256(), "rejected"),
                    bad));
            if (bad > 0) {
                quality.add(DataQualityRows.finding(
                        "rows_quarantined",
                        f.sha256(),
                        f.name(),
                        datasetBySha.get(f.sha256()),
                        f.name(),
                        null,
                        "warning",
                        false,
                        Long.toString(bad),
                        "0",
                        bad + " row(s) of " + f.name()
                                + " were not loaded to silver.spells; see silver.quarantine for each row, column and reason.",
                        runId));
            }
        }
        if (!quality.isEmpty()) {
            out.wrote(ctx.writer().writeRows(IngestTables.DATA_QUALITY, quality, null));
        }
        IngestStage.recordFiles(ctx, out, files);
    }

    /**
     * Episodes without a SPELL_ID (HES APC extracts such as NHS Digital's artificial sample carry none) get a derived
     * one: a provider spell is the episodes of one patient at one provider with one admission date, because every
     * episode of a spell carries the spell's ADMIDATE (HES APC data dictionary, ADMIDATE: "the date the patient was
     * admitted to hospital at the start of a hospital spell"). The derived key is the xxhash64 of
     * (PSEUDO_HESID, PROCODE3, ADMIDATE) modulo 10^18 (SpellConform accepts SPELL_IDs of at most 18 digits), so the same spell gets the same key in every run; an episode lacking any of
     * the three keeps a null SPELL_ID and is quarantined as "missing spell identifier". Bronze keeps the rows as read.
     */
    /** Derived spell keys are below this: at most 18 digits, as {@link SpellConform} requires of a SPELL_ID. */
    static final long DERIVED_KEY_MODULUS = 1_000_000_000_000_000_000L;

    static Dataset<Row> withSpellKey(Dataset<Row> episodes) {
        Column parts = col("PSEUDO_HESID")
                .isNotNull()
                .and(col("PROCODE3").isNotNull())
                .and(col("ADMIDATE").isNotNull())
                .and(org.apache.spark.sql.functions.trim(col("ADMIDATE")).notEqual(""));
        Column derived = org.apache.spark.sql.functions.when(
                parts,
                org.apache
                        .spark
                        .sql
                        .functions
                        .pmod(
                                org.apache.spark.sql.functions.xxhash64(
                                        col("PSEUDO_HESID"), col("PROCODE3"), col("ADMIDATE")),
                                lit(DERIVED_KEY_MODULUS))
                        .cast(DataTypes.StringType));
        return episodes.withColumn(
                "SPELL_ID",
                org.apache.spark.sql.functions.coalesce(
                        org.apache.spark.sql.functions.when(
                                org.apache
                                        .spark
                                        .sql
                                        .functions
                                        .trim(col("SPELL_ID"))
                                        .notEqual(""),
                                col("SPELL_ID")),
                        derived));
    }

    /** Spell-level columns plus source columns: the input of {@link SpellConform#conform}. */
    private static Column[] rawColumns() {
        List<Column> cols = new ArrayList<>();
        for (String f : SpellTables.SPELL_FIELDS) {
            cols.add(col(f));
        }
        for (String s : List.of("source_sha256", "source_file", "row_number", "dataset")) {
            cols.add(col(s));
        }
        return cols.toArray(new Column[0]);
    }

    /** Parquet parts as bronze rows: every field cast to string, row number = Parquet row index + 1. */
    private static Dataset<Row> readParquet(SparkSession spark, List<SpellLanding.SpellFile> parts, String runId) {
        // Metadata columns are taken before the join: Spark resolves _metadata only directly on the file scan.
        Dataset<Row> df = spark.read()
                .parquet(parts.stream().map(SpellLanding.SpellFile::path).toArray(String[]::new))
                .select(
                        col("*"),
                        element_at(split(col("_metadata.file_path"), "/"), -1).as("_file"),
                        col("_metadata.row_index").as("_row_index"));
        Set<String> present = Set.of(df.columns());
        List<Row> shaRows = parts.stream()
                .map(p -> RowFactory.create(p.name(), p.sha256(), p.path()))
                .toList();
        Dataset<Row> shas = spark.createDataFrame(
                shaRows,
                new StructType()
                        .add("_name", DataTypes.StringType)
                        .add("_sha", DataTypes.StringType)
                        .add("_path", DataTypes.StringType));
        List<Column> cols = new ArrayList<>();
        cols.add(col("_sha").as("source_sha256"));
        cols.add(col("_row_index").plus(1).cast(DataTypes.IntegerType).as("row_number"));
        cols.add(col("_path").as("source_file"));
        cols.add(lit(SpellTables.DATASET_SPELLS_PARQUET).as("dataset"));
        for (String f : SpellTables.SPELL_FIELDS) {
            cols.add((present.contains(f)
                            ? col(f).cast(DataTypes.StringType)
                            : lit(null).cast(DataTypes.StringType))
                    .as(f));
        }
        for (String f : SpellTables.EPISODE_FIELDS) {
            cols.add(lit(null).cast(DataTypes.StringType).as(f));
        }
        cols.add(lit(runId).as("ingest_run_id"));
        return df.join(broadcast(shas), col("_file").equalTo(col("_name"))).select(cols.toArray(new Column[0]));
    }

    /** EPISODES_CSV when the header has EPIORDER, else SPELLS_CSV when it has the spell fields. */
    static String csvDataset(String fileName, String[] header) {
        Set<String> h = Arrays.stream(header)
                .map(s -> s.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        if (h.contains("EPIORDER") && h.contains("ADMIDATE")) {
            return SpellTables.DATASET_EPISODES_CSV;
        }
        if (h.contains("SPELL_ID") && h.contains("ADMIDATE") && h.contains("DISDATE")) {
            return SpellTables.DATASET_SPELLS_CSV;
        }
        throw new SourceFileException(
                fileName,
                "not a spell or episode file: the header has neither" + " SPELL_ID, ADMIDATE and DISDATE nor EPIORDER",
                "export the spells with HES APC field names" + " (conf/schemas/spell.avsc)");
    }

    /**
     * A spell or episode CSV as bronze rows, read by Spark on the executors (never whole on the driver): each line is
     * numbered in file order (the header is line 1, as in {@link RawRow#rowNumber()}) and parsed with Spark's CSV
     * parser into the header's columns, every field a string; blank lines are skipped. A record must sit on one line
     * (HES extracts have no line breaks inside fields); a broken line gets missing fields and is quarantined.
     */
    static Dataset<Row> readCsv(
            SparkSession spark, SpellLanding.SpellFile f, String[] header, String dataset, String runId) {
        StructType lines = new StructType().add("_line", DataTypes.StringType).add("_n", DataTypes.LongType);
        JavaRDD<Row> numbered = spark.read()
                .text(f.path())
                .javaRDD()
                .zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), t._2() + 1));
        StructType fields = new StructType();
        for (int i = 0; i < header.length; i++) {
            fields = fields.add("c" + i, DataTypes.StringType);
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            at.putIfAbsent(header[i].trim().toUpperCase(Locale.ROOT), i);
        }
        Dataset<Row> parsed = spark.createDataFrame(numbered, lines)
                .where(col("_n").gt(1).and(trim(col("_line")).notEqual("")))
                .select(
                        col("_n"),
                        from_csv(col("_line"), lit(fields.toDDL()), Map.<String, String>of())
                                .as("_csv"));
        List<String> all = new ArrayList<>(SpellTables.SPELL_FIELDS);
        all.addAll(SpellTables.EPISODE_FIELDS);
        List<Column> cols = new ArrayList<>();
        cols.add(lit(f.sha256()).as("source_sha256"));
        cols.add(col("_n").cast(DataTypes.IntegerType).as("row_number"));
        cols.add(lit(f.path()).as("source_file"));
        cols.add(lit(dataset).as("dataset"));
        for (String name : all) {
            Integer i = at.get(name);
            cols.add((i == null ? lit(null).cast(DataTypes.StringType) : col("_csv.c" + i)).as(name));
        }
        cols.add(lit(runId).as("ingest_run_id"));
        return parsed.select(cols.toArray(new Column[0]));
    }

    private static Row fileRow(
            SpellLanding.SpellFile f,
            String dataset,
            Long rows,
            List<String> header,
            String status,
            String message,
            String runId,
            JobContext ctx) {
        return RowFactory.create(
                f.sha256(),
                f.path(),
                dataset,
                f.size(),
                rows,
                header == null ? null : SparkRows.seq(header),
                status,
                message,
                runId,
                Timestamp.from(ctx.clock().instant()));
    }
}
