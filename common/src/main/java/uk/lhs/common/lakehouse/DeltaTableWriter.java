package uk.lhs.common.lakehouse;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import uk.lhs.common.tables.TableContract;

/**
 * The one writer every stage uses. It creates tables from their {@link TableContract} (columns with comments,
 * partitioning, CHECK constraints, retention properties), refuses any write whose schema differs from the contract
 * (no silent schema merge), and upserts with MERGE on the table's natural key, so running a stage twice on the same
 * inputs never duplicates a row. Concurrent commits by another writer are retried.
 */
public final class DeltaTableWriter {
    private final Lakehouse lakehouse;
    private final SparkSession spark;
    private final int retries;
    private final Map<String, String> tableProperties;
    /** Tables already created and checked by this writer: each is checked once per job, not once per write. */
    private final Map<String, TableContract> ensured = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where commits are counted; null when nobody is counting. */
    private volatile CostCounter costCounter;

    /**
     * @param lakehouse where tables live
     * @param retries how many times a write is retried after another writer committed first
     * @param logRetention Delta {@code delta.logRetentionDuration}, e.g. {@code interval 365 days}
     * @param deletedFileRetention Delta {@code delta.deletedFileRetentionDuration}
     */
    public DeltaTableWriter(Lakehouse lakehouse, int retries, String logRetention, String deletedFileRetention) {
        this.lakehouse = lakehouse;
        this.spark = lakehouse.spark();
        this.retries = retries;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("delta.logRetentionDuration", logRetention);
        props.put("delta.deletedFileRetentionDuration", deletedFileRetention);
        this.tableProperties = Map.copyOf(props);
    }

    /**
     * Creates the table if it does not exist — columns with comments, partitioning, retention properties and every
     * CHECK constraint in the one CREATE commit — then checks that the table on disk matches its contract. A table
     * written by an earlier version gets the nullable columns and CHECK constraints its contract has gained (ALTER
     * TABLE, one commit each).
     */
    public void ensure(TableContract table) {
        ensureCreated(table);
    }

    /**
     * {@link #ensure}, returning whether this call created the table (so it holds no rows until this writer's first
     * write, unless another writer commits first).
     */
    private boolean ensureCreated(TableContract table) {
        String location = lakehouse.location(table);
        if (table.equals(ensured.get(location))) {
            return false;
        }
        boolean[] created = {false};
        withRetries(table, () -> {
            if (!lakehouse.exists(table)) {
                DeltaTableBuilder builder = DeltaTable.create(spark)
                        .location(location)
                        .addColumns(table.schema())
                        .comment(table.description());
                if (!table.partitionBy().isEmpty()) {
                    builder = builder.partitionedBy(table.partitionBy().toArray(new String[0]));
                }
                for (Map.Entry<String, String> p : createProperties(table).entrySet()) {
                    builder = builder.property(p.getKey(), p.getValue());
                }
                try {
                    builder.execute();
                } catch (Exception e) { // a lost race may be a checked AnalysisException (non-empty location)
                    if (isConcurrentCommit(e) || !ConcurrentCreate.appeared(spark, location)) {
                        throw e; // retried, or a real failure
                    }
                    return null; // another writer created it between the check and the CREATE
                }
                committed();
                created[0] = true;
            }
            return null;
        });
        StructType stored = spark.read().format("delta").load(location).schema();
        addMissingColumns(table, location, stored);
        verifyStoredSchema(table, spark.read().format("delta").load(location).schema());
        addMissingConstraints(table, location);
        ensured.put(location, table);
        return created[0];
    }

    /**
     * The table properties of a new table: the retention settings and one {@code delta.constraints.<name>} per CHECK
     * constraint. Delta 3.3 accepts the constraint properties at CREATE (DeltaConfigs.validateConfigurations lets keys
     * under {@code delta.constraints.} through, and the CHECK-constraints table feature is enabled from the metadata),
     * and they are exactly what {@code ALTER TABLE ADD CONSTRAINT} would store (lower-case name, expression text).
     */
    Map<String, String> createProperties(TableContract table) {
        Map<String, String> props = new LinkedHashMap<>(tableProperties);
        for (Map.Entry<String, String> check : table.checks().entrySet()) {
            props.put(constraintProperty(check.getKey()), check.getValue());
        }
        return props;
    }

    private static String constraintProperty(String constraint) {
        return "delta.constraints." + constraint.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Upgrades a table written by an earlier version additively: nullable columns the contract has gained are added
     * (ALTER TABLE ADD COLUMNS; existing rows read them as null). Anything else that differs is left for
     * {@link #verifyStoredSchema} to refuse.
     */
    private void addMissingColumns(TableContract table, String location, StructType stored) {
        List<String> have = List.of(stored.fieldNames());
        List<String> add = new ArrayList<>();
        for (StructField want : table.schema().fields()) {
            if (!have.contains(want.name())) {
                if (!want.nullable()) {
                    return; // a required column cannot be added to existing rows: refused below
                }
                String comment =
                        want.getComment().isDefined() ? want.getComment().get() : "";
                add.add(want.name() + " " + want.dataType().sql() + " COMMENT '" + comment.replace("'", "\\'") + "'");
            }
        }
        if (!add.isEmpty()) {
            withRetries(
                    table,
                    () -> spark.sql(
                            "ALTER TABLE delta.`" + location + "` ADD COLUMNS (" + String.join(", ", add) + ")"));
            committed();
        }
    }

    private void addMissingConstraints(TableContract table, String location) {
        if (table.checks().isEmpty()) {
            return;
        }
        Map<String, String> props = constraintProperties(location);
        for (Map.Entry<String, String> check : table.checks().entrySet()) {
            String property = constraintProperty(check.getKey());
            if (props.containsKey(property)
                    && !props.get(property).trim().equals(check.getValue().trim())) {
                // The contract changed the rule (e.g. a new status): replace the earlier version's constraint. The
                // new one is checked against every existing row when it is added.
                withRetries(
                        table,
                        () -> spark.sql(
                                "ALTER TABLE delta.`" + location + "` DROP CONSTRAINT IF EXISTS " + check.getKey()));
                committed();
                props = constraintProperties(location);
            }
            if (!props.containsKey(property)) {
                // Re-checked on every attempt: when a concurrent writer added the constraint first, there is nothing to
                // do.
                withRetries(table, () -> {
                    if (constraintProperties(location).containsKey(property)) {
                        return null;
                    }
                    try {
                        Object added = spark.sql("ALTER TABLE delta.`" + location + "` ADD CONSTRAINT " + check.getKey()
                                + " CHECK (" + check.getValue() + ")");
                        committed();
                        return added;
                    } catch (Exception e) { // AnalysisException is checked in Java terms, thrown undeclared by Scala
                        // Another writer committed the same constraint between the check and this ALTER.
                        if (String.valueOf(e.getMessage()).contains("DELTA_CONSTRAINT_ALREADY_EXISTS")
                                && constraintProperties(location).containsKey(property)) {
                            return null;
                        }
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                    }
                });
            }
        }
    }

    private Map<String, String> constraintProperties(String location) {
        return spark.sql("SHOW TBLPROPERTIES delta.`" + location + "`").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1), (a, b) -> a));
    }

    /** Counts every Delta commit this writer makes from now on in {@code counter}. */
    public void countCommitsIn(CostCounter counter) {
        this.costCounter = counter;
    }

    private void committed() {
        CostCounter c = costCounter;
        if (c != null) {
            c.commitMade();
        }
    }

    /** The lakehouse this writer writes to. */
    public Lakehouse lakehouse() {
        return lakehouse;
    }

    /**
     * Writes {@code rows} according to the table's write mode: MERGE upsert on the key (rows whose values are
     * unchanged apart from lineage columns are left alone), or insert of new keys only. A {@link
     * TableContract.WriteMode#REPLACE} table needs a scope: use {@link #write(TableContract, Dataset, String)}.
     *
     * @throws ContractViolation when the columns or types differ from the contract, or the key is not unique in rows
     */
    public WriteResult write(TableContract table, Dataset<Row> rows) {
        return write(table, rows, null);
    }

    /**
     * Like {@link #write(TableContract, Dataset)}, and also deletes the table's rows that match {@code replaceScope}
     * (a SQL condition on the target, columns prefixed {@code t.}) but are absent from {@code rows}: a re-published
     * month replaces the earlier vintage entirely, in one atomic commit. Delta history keeps the old vintage.
     *
     * <p>For a {@link TableContract.WriteMode#REPLACE} table (recomputed whole) the same result — the stored rows in
     * scope become exactly {@code rows} — is one Delta overwrite with {@code replaceWhere} the scope, without a MERGE's
     * join: {@code "true"} replaces the whole table. Every row written must lie in the scope (Delta refuses the write
     * otherwise). Unlike a MERGE, rows whose values did not change are rewritten too, so their lineage columns name
     * the latest run.
     */
    public WriteResult write(TableContract table, Dataset<Row> rows, String replaceScope) {
        if (table.mode() == TableContract.WriteMode.REPLACE) {
            if (replaceScope == null) {
                throw new IllegalArgumentException(table.qualifiedName() + " is replaced, not upserted: give the scope"
                        + " each write replaces (\"true\" for the whole table)");
            }
            return replace(table, rows, unqualified(replaceScope));
        }
        if (replaceScope != null && table.mode() != TableContract.WriteMode.MERGE) {
            throw new IllegalArgumentException(table.qualifiedName() + " is append-only; it cannot replace rows");
        }
        return merge(table, rows, replaceScope == null ? null : functions.expr(replaceScope), true, false);
    }

    /**
     * {@code scope} without the MERGE target's alias: {@code t.period_start = DATE'2025-01-01'} becomes {@code
     * period_start = DATE'2025-01-01'}. Text inside quotes is left alone.
     */
    static String unqualified(String scope) {
        StringBuilder out = new StringBuilder(scope.length());
        char quote = 0;
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == 't'
                    && i + 1 < scope.length()
                    && scope.charAt(i + 1) == '.'
                    && (i == 0 || !isIdentifierPart(scope.charAt(i - 1)))) {
                i++; // skip "t."
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '`';
    }

    /** One overwrite of the rows in {@code where} (unqualified SQL; "true" for the whole table) by {@code rows}. */
    private WriteResult replace(TableContract table, Dataset<Row> rows, String where) {
        ensure(table);
        Dataset<Row> source = conform(table, rows);
        if (!table.keysUniqueByConstruction()) {
            requireUniqueKeys(table, source);
        }
        String location = lakehouse.location(table);
        long before = lakehouse.currentVersion(table);
        withRetries(table, () -> {
            var w = source.write().format("delta").mode(SaveMode.Overwrite);
            if (!where.trim().equalsIgnoreCase("true")) {
                w = w.option("replaceWhere", where);
            }
            w.save(location);
            return null;
        });
        return lastCommit(table, before);
    }

    private WriteResult merge(
            TableContract table, Dataset<Row> rows, Column replaceScope, boolean checkKeys, boolean driverBuilt) {
        boolean created = ensureCreated(table);
        Dataset<Row> source = conform(table, rows);
        if (checkKeys && !table.keysUniqueByConstruction()) {
            requireUniqueKeys(table, source);
        }
        String location = lakehouse.location(table);
        String matchOn =
                table.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
        long before = lakehouse.currentVersion(table);
        withRetries(table, () -> {
            if (created && lakehouse.currentVersion(table) == 0) {
                // The first write into the table this writer just created: a MERGE into no rows inserts every row, so
                // write them directly (no join, no source copy). An overwrite rather than an append: it reads the
                // (empty) table, so a concurrent writer's commit makes it conflict and retry as a MERGE.
                source.write().format("delta").mode(SaveMode.Overwrite).save(location);
                return null;
            }
            var merge = DeltaTable.forPath(spark, location).as("t").merge(source.as("s"), matchOn);
            if (table.mode() == TableContract.WriteMode.MERGE) {
                List<String> valueColumns = Arrays.stream(table.schema().fieldNames())
                        .filter(c -> !table.keys().contains(c)
                                && !table.lineageColumns().contains(c))
                        .toList();
                if (valueColumns.isEmpty()) {
                    merge = merge.whenMatched().updateAll();
                } else {
                    String changed = "NOT ("
                            + valueColumns.stream()
                                    .map(c -> "t.`" + c + "` <=> s.`" + c + "`")
                                    .collect(Collectors.joining(" AND "))
                            + ")";
                    merge = merge.whenMatched(changed).updateAll();
                }
            }
            merge = merge.whenNotMatched().insertAll();
            if (replaceScope != null) {
                merge = merge.whenNotMatchedBySource(replaceScope).delete();
            }
            if (driverBuilt) {
                withoutSourceCopy(merge::execute);
            } else {
                merge.execute();
            }
            return null;
        });
        return lastCommit(table, before);
    }

    /** Delta's setting of when a MERGE copies (materialises) its source before reading it twice. */
    static final String MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";

    /**
     * Runs a MERGE whose source is rows built on the driver ({@link #driverFrame}) without Delta's copy of the source.
     * Delta's default ({@code auto}) copies every source that is not a plain Delta scan, because a MERGE reads its
     * source twice (find the touched files, then rewrite them) and a source that changed between the two reads would
     * corrupt the result (Delta's doc of {@code merge.materializeSource}: "'auto' means sources will not be
     * materialized when they are certain to be deterministic"). A local relation or a parallelised driver list is
     * deterministic and immutable, so the copy (a Spark job writing the rows to disk) buys nothing. The setting is the
     * session's, restored afterwards; stages write one table at a time.
     */
    private void withoutSourceCopy(Runnable mergeExecution) {
        String earlier = spark.conf().get(MATERIALIZE_SOURCE, null);
        spark.conf().set(MATERIALIZE_SOURCE, "none");
        try {
            mergeExecution.run();
        } finally {
            if (earlier == null) {
                spark.conf().unset(MATERIALIZE_SOURCE);
            } else {
                spark.conf().set(MATERIALIZE_SOURCE, earlier);
            }
        }
    }

    /**
     * The version and row counts of the commit a write just made, from the commit's own metrics (one read of the
     * latest commit file; {@code history(1)} makes no Spark job). A MERGE reports rows inserted, updated and deleted;
     * an overwrite reports the rows it wrote ({@code numOutputRows}) and, as "updated or removed", the rows it
     * replaced ({@code numDeletedRows}, or see {@link #removedRows}).
     */
    private WriteResult lastCommit(TableContract table, long before) {
        Row last = DeltaTable.forPath(spark, lakehouse.location(table))
                .history(1)
                .select("version", "operation", "operationMetrics")
                .first();
        long version = last.getLong(0);
        if (version == before) {
            return new WriteResult(table.qualifiedName(), version, 0, 0);
        }
        committed();
        Map<String, String> metrics = last.isNullAt(2) ? Map.of() : JavaConverters.mapAsJavaMap(last.getMap(2));
        if (!"MERGE".equals(last.getString(1)) && metrics.containsKey("numOutputRows")) {
            long replaced = metrics.containsKey("numDeletedRows")
                    ? parse(metrics.get("numDeletedRows"))
                    : removedRows(table, version);
            return new WriteResult(table.qualifiedName(), version, parse(metrics.get("numOutputRows")), replaced);
        }
        return new WriteResult(
                table.qualifiedName(),
                version,
                parse(metrics.get("numTargetRowsInserted")),
                parse(metrics.get("numTargetRowsUpdated")) + parse(metrics.get("numTargetRowsDeleted")));
    }

    /**
     * Rows in the files a commit removed whole (an overwrite of whole files: the table, or partitions), summed from the
     * {@code numRecords} statistic Delta keeps on each {@code remove} action of the commit file (read on the driver).
     * A data-column {@code replaceWhere} that rewrites files partly reports {@code numDeletedRows} itself instead.
     */
    private long removedRows(TableContract table, long version) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
                lakehouse.location(table) + "/_delta_log/" + String.format("%020d", version) + ".json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long rows = 0;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                file.getFileSystem(spark.sessionState().newHadoopConf()).open(file),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                com.fasterxml.jackson.databind.JsonNode remove =
                        json.readTree(line).get("remove");
                if (remove != null && remove.hasNonNull("stats")) {
                    rows += json.readTree(remove.get("stats").asText())
                            .path("numRecords")
                            .asLong(0);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading " + file, e);
        }
        return rows;
    }

    private static long parse(String metric) {
        return metric == null ? 0L : Long.parseLong(metric);
    }

    /**
     * Writes rows built on the driver (small, per-file data such as parsed publications or run records). The key's
     * uniqueness is checked here, without a Spark job, and the rows are split into slices of about half a megabyte
     * (see {@link #driverFrame}).
     *
     * @param rows rows in the contract's column order
     * @param replaceScope a condition on the table's own (unqualified) columns, e.g.
     *     {@code col("period_start").isin(...)}: stored rows it matches that are absent from {@code rows} are deleted
     *     in the same commit (a re-published month replaces the earlier vintage); null to delete nothing
     */
    public WriteResult writeRows(TableContract table, List<Row> rows, Column replaceScope) {
        List<String> names = Arrays.asList(table.schema().fieldNames());
        int[] keyIdx = table.keys().stream().mapToInt(names::indexOf).toArray();
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        for (Row r : rows) {
            List<Object> key = new ArrayList<>(keyIdx.length);
            for (int i : keyIdx) {
                key.add(r.get(i));
            }
            if (!seen.add(key)) {
                throw new ContractViolation("refusing to write " + table.qualifiedName() + ": the key ("
                        + String.join(", ", table.keys()) + ") is not unique in the rows to write, e.g. " + key
                        + ". Why: MERGE on a non-unique key would duplicate or overwrite rows unpredictably."
                        + " Fix: de-duplicate upstream (bad input rows belong in silver.quarantine).");
            }
        }
        Dataset<Row> frame = driverFrame(spark, rows, table.schema());
        if (table.mode() == TableContract.WriteMode.REPLACE) {
            if (replaceScope == null) {
                throw new IllegalArgumentException(table.qualifiedName() + " is replaced, not upserted: give the scope"
                        + " each write replaces (functions.lit(true) for the whole table)");
            }
            return replace(table, frame, replaceScope.expr().sql());
        }
        return merge(table, frame, replaceScope, false, true);
    }

    /**
     * {@link #writeRows} into an upserted table, unless every row is already stored with the same values (lineage
     * columns aside): then no commit, so readers of the table see no new version and stay up to date (issue #17.3). A
     * MERGE would change nothing in that case yet still cost its jobs; the check is one Spark job ({@code except}).
     *
     * @return the write, or empty when nothing would change
     */
    public Optional<WriteResult> writeRowsIfChanged(TableContract table, List<Row> rows) {
        if (table.mode() != TableContract.WriteMode.MERGE) {
            throw new IllegalArgumentException(table.qualifiedName() + " is not upserted");
        }
        if (lakehouse.exists(table)) {
            Column[] values = Arrays.stream(table.schema().fieldNames())
                    .filter(c -> !table.lineageColumns().contains(c))
                    .map(functions::col)
                    .toArray(Column[]::new);
            boolean allStored = driverFrame(spark, rows, table.schema())
                    .select(values)
                    .except(lakehouse.read(table).select(values))
                    .isEmpty();
            if (allStored) {
                return Optional.empty();
            }
        }
        return Optional.of(writeRows(table, rows, null));
    }

    /** Estimated serialised bytes per slice of driver-built rows; Spark warns when one task exceeds 1,000 KiB. */
    static final long SLICE_BYTES = 512L * 1024;

    /**
     * Rows built on the driver as a DataFrame split into slices of about {@link #SLICE_BYTES}, so that no task carries
     * megabytes however wide or many the rows are. (Slices of 2,000 rows gave 2.0-2.5 MB tasks for wide publication
     * rows, and a local relation of a whole spells CSV went out in as many tasks as there are cores.)
     */
    public static Dataset<Row> driverFrame(SparkSession spark, List<Row> rows, StructType schema) {
        int slices = (int) Math.max(1, Math.min(10_000, (estimatedBytes(rows) + SLICE_BYTES - 1) / SLICE_BYTES));
        if (slices == 1) {
            return spark.createDataFrame(rows, schema); // a local relation: the optimiser prunes it when empty
        }
        return spark.createDataFrame(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(rows, slices),
                schema);
    }

    /**
     * Serialised size of {@code rows}, estimated from an even sample of up to 256 rows: characters of text, 8 bytes
     * per other value, and 16 bytes of overhead per value (Java serialisation's object headers and references).
     */
    static long estimatedBytes(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int sample = Math.min(rows.size(), 256);
        long bytes = 0;
        for (int i = 0; i < sample; i++) {
            bytes += valueBytes(rows.get((int) ((long) i * rows.size() / sample)));
        }
        return bytes * rows.size() / sample;
    }

    /** Text: its characters; a row, array or map: 16 bytes plus the size of each element; anything else: 8 bytes. */
    private static long valueBytes(Object v) {
        if (v instanceof CharSequence s) {
            return s.length();
        }
        if (v instanceof Row r) {
            return valueBytes(r.toSeq());
        }
        if (v instanceof scala.collection.Iterable<?> it) {
            long b = 0;
            for (scala.collection.Iterator<?> i = it.iterator(); i.hasNext(); ) {
                b += 16 + valueBytes(i.next());
            }
            return b;
        }
        if (v instanceof Iterable<?> it) {
            long b = 0;
            for (Object o : it) {
                b += 16 + valueBytes(o);
            }
            return b;
        }
        return 8;
    }

    /**
     * Selects the contract's columns in contract order. Missing, extra or differently typed columns are a
     * {@link ContractViolation}; an all-null column of no type is cast to the declared type.
     */
    public static Dataset<Row> conform(TableContract table, Dataset<Row> rows) {
        StructType actual = rows.schema();
        Map<String, DataType> have = new LinkedHashMap<>();
        for (StructField f : actual.fields()) {
            have.put(f.name(), f.dataType());
        }
        List<String> problems = new ArrayList<>();
        List<Column> select = new ArrayList<>();
        for (StructField want : table.schema().fields()) {
            DataType got = have.remove(want.name());
            if (got == null) {
                problems.add(
                        "missing column " + want.name() + " (" + want.dataType().simpleString() + ")");
            } else if (got.equals(DataTypes.NullType)) {
                select.add(functions.col(want.name()).cast(want.dataType()).as(want.name()));
            } else if (!sameType(got, want.dataType())) {
                problems.add("column " + want.name() + " is " + got.simpleString() + " but the contract says "
                        + want.dataType().simpleString());
            } else {
                select.add(functions.col(want.name()));
            }
        }
        for (String extra : have.keySet()) {
            problems.add("unexpected column " + extra);
        }
        if (!problems.isEmpty()) {
            throw new ContractViolation(
                    "refusing to write " + table.qualifiedName() + ": " + String.join("; ", problems)
                            + ". Why: the table contract is what dashboards and notebooks rely on, so schemas never change silently."
                            + " Fix: make the stage produce exactly the contract's columns, or change the contract in"
                            + " uk.lhs.common.tables.Tables (and migrate the existing table) if the change is intended.");
        }
        return rows.select(select.toArray(new Column[0]));
    }

    /** Types equal ignoring nullability and metadata (Delta reads every column back as nullable). */
    static boolean sameType(DataType a, DataType b) {
        return a.asNullable().sameType(b.asNullable());
    }

    private void verifyStoredSchema(TableContract table, StructType stored) {
        List<String> problems = new ArrayList<>();
        Map<String, DataType> have = new LinkedHashMap<>();
        for (StructField f : stored.fields()) {
            have.put(f.name(), f.dataType());
        }
        for (StructField want : table.schema().fields()) {
            DataType got = have.remove(want.name());
            if (got == null) {
                problems.add("it lacks column " + want.name());
            } else if (!sameType(got, want.dataType())) {
                problems.add("column " + want.name() + " is " + got.simpleString() + ", contract says "
                        + want.dataType().simpleString());
            }
        }
        for (String extra : have.keySet()) {
            problems.add("it has column " + extra + " that the contract does not declare");
        }
        if (!problems.isEmpty()) {
            throw new ContractViolation("table " + table.qualifiedName() + " at " + lakehouse.location(table)
                    + " does not match its contract: " + String.join("; ", problems)
                    + ". Why: it was written by a different version of LHS Lakehouse or by hand."
                    + " Fix: point --lakehouse at the right folder, or migrate the table (ALTER TABLE) to the contract"
                    + " in uk.lhs.common.tables.Tables.");
        }
    }

    private static void requireUniqueKeys(TableContract table, Dataset<Row> source) {
        Column[] keys = table.keys().stream().map(functions::col).toArray(Column[]::new);
        List<Row> dupes =
                source.groupBy(keys).count().filter("count > 1").limit(3).collectAsList();
        if (!dupes.isEmpty()) {
            throw new ContractViolation("refusing to write " + table.qualifiedName() + ": the key ("
                    + String.join(", ", table.keys()) + ") is not unique in the rows to write, e.g. " + dupes
                    + ". Why: MERGE on a non-unique key would duplicate or overwrite rows unpredictably."
                    + " Fix: de-duplicate upstream (bad input rows belong in silver.quarantine).");
        }
    }

    private interface Body {
        Object run();
    }

    /**
     * Runs {@code body}, retrying it when another writer committed to the same table first (Delta's optimistic
     * concurrency: ConcurrentAppend, ConcurrentDeleteRead, ConcurrentDeleteDelete, MetadataChanged, ProtocolChanged).
     * Each retry re-reads the table, so a MERGE is re-planned against the other writer's commit and stays idempotent.
     * Back-off is exponential with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), so two
     * schedules that collided do not collide again in lock-step.
     */
    private void withRetries(TableContract table, Body body) {
        for (int attempt = 0; ; attempt++) {
            try {
                body.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= retries || !isConcurrentCommit(e)) {
                    if (attempt > 0) {
                        e.addSuppressed(new IllegalStateException("writing " + table.qualifiedName() + " gave up after "
                                + attempt + " retries on concurrent commits (lhs.delta.commit-retries = " + retries
                                + ")"));
                    }
                    throw e;
                }
                try {
                    Thread.sleep(backoffMillis(
                            attempt,
                            java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** First retry waits up to this long; each further retry doubles the ceiling. */
    static final long BACKOFF_BASE_MILLIS = 250;
    /** Ceiling of one back-off wait. */
    static final long BACKOFF_MAX_MILLIS = 8_000;

    /**
     * Full-jitter back-off: a uniform draw in [base/2, min(max, base * 2^attempt)].
     *
     * @param attempt 0 for the first retry
     * @param uniform a draw from [0, 1)
     */
    static long backoffMillis(int attempt, double uniform) {
        long ceiling = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 20));
        long floor = BACKOFF_BASE_MILLIS / 2;
        return floor + (long) (uniform * (ceiling - floor));
    }

    private static boolean isConcurrentCommit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
                    || t.getClass().getName().contains("ConcurrentModification")
                    || t.getClass().getName().contains("ProtocolChanged")) {
                return true;
            }
        }
        return false;
    }
}
