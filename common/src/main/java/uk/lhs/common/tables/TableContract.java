package uk.lhs.common.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Everything the lakehouse promises about one Delta table: where it lives, its columns (with comments), its natural
 * key, partitioning, CHECK constraints and how it is written. Declared once in {@link Tables}; every write is checked
 * against it by {@link DeltaTableWriter}.
 *
 * @param layer bronze, silver or gold
 * @param name table name within its layer, e.g. {@code pipeline_runs}
 * @param description one sentence for the data dictionary
 * @param schema columns in order, each with a comment
 * @param keys the natural key: MERGE matches on it and it is unique in the table
 * @param partitionBy partition columns (may be empty)
 * @param checks Delta CHECK constraints, name to SQL expression
 * @param mode how rows are written
 * @param lineageColumns columns that record who wrote a row (run id, timestamps); a MERGE does not rewrite a row when
 *     only these differ, so a re-run with the same inputs leaves the table's data unchanged
 * @param release who may see the table ({@link Release}); {@link Release#PUBLISHED} exactly when the name ends in
 *     {@value Release#PUBLISHED_SUFFIX}
 * @param keysUniqueByConstruction the code that produces the rows makes the key unique (e.g. it groups by the key), so
 *     the writer skips its key-uniqueness pass (a Spark shuffle); a test per such table proves the key unique in the
 *     tables it writes ({@code KeysUniqueByConstructionIT})
 */
public record TableContract(
        Layer layer,
        String name,
        String description,
        StructType schema,
        List<String> keys,
        List<String> partitionBy,
        Map<String, String> checks,
        WriteMode mode,
        Set<String> lineageColumns,
        Release release,
        boolean keysUniqueByConstruction) {

    /** How a table is written. */
    public enum WriteMode {
        /** Upsert on the natural key with MERGE: re-runs never duplicate. */
        MERGE,
        /** Append only (raw bronze rows); the writer skips rows whose key is already present. */
        APPEND_NEW_KEYS,
        /**
         * Recomputed whole (or whole periods): a write replaces every stored row in its scope by the rows written, with
         * one Delta overwrite ({@code replaceWhere} the scope) instead of a MERGE. Delta history keeps each earlier
         * version (time travel); the contract's schema, constraints and properties are kept.
         */
        REPLACE
    }

    public TableContract {
        Objects.requireNonNull(layer);
        Objects.requireNonNull(name);
        keys = List.copyOf(keys);
        partitionBy = List.copyOf(partitionBy);
        checks = Map.copyOf(checks);
        lineageColumns = Set.copyOf(lineageColumns);
        for (String k : keys) {
            requireColumn(schema, k, name);
        }
        for (String p : partitionBy) {
            requireColumn(schema, p, name);
        }
        for (String l : lineageColumns) {
            requireColumn(schema, l, name);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " declares no key");
        }
        Objects.requireNonNull(release, "table " + name + " declares no release");
        if ((release == Release.PUBLISHED) != name.endsWith(Release.PUBLISHED_SUFFIX)) {
            throw new IllegalArgumentException("table " + name + " is " + release + ": a table is PUBLISHED exactly"
                    + " when its name ends in " + Release.PUBLISHED_SUFFIX);
        }
    }

    private static void requireColumn(StructType schema, String column, String table) {
        if (!List.of(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(
                    "table " + table + " names column " + column + " which it does not have");
        }
    }

    /** Columns on every row of a published table: the disclosure thresholds its figures passed. */
    public static final String SUPPRESS_BELOW = "suppress_below";

    public static final String ROUND_TO = "round_to";

    /** {@code layer.name}, as addressed in SQL. */
    public String qualifiedName() {
        return layer.dbName() + "." + name;
    }

    /** Starts a contract for {@code layer.name}. */
    public static Builder builder(Layer layer, String name) {
        return new Builder(layer, name);
    }

    /** Fluent builder so the declarations in {@link Tables} read like a data dictionary. */
    public static final class Builder {
        private final Layer layer;
        private final String name;
        private String description = "";
        private final List<StructField> fields = new ArrayList<>();
        private List<String> keys = List.of();
        private List<String> partitionBy = List.of();
        private final Map<String, String> checks = new LinkedHashMap<>();
        private WriteMode mode = WriteMode.MERGE;
        private Set<String> lineage = Set.of();
        private Release release;
        private boolean keysUniqueByConstruction;

        private Builder(Layer layer, String name) {
            this.layer = layer;
            this.name = name;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** A nullable column. */
        public Builder column(String column, DataType type, String comment) {
            return column(column, type, true, comment);
        }

        /** A column that may never be null (enforced by Delta). */
        public Builder required(String column, DataType type, String comment) {
            return column(column, type, false, comment);
        }

        private Builder column(String column, DataType type, boolean nullable, String comment) {
            Metadata md = new MetadataBuilder().putString("comment", comment).build();
            fields.add(new StructField(column, type, nullable, md));
            return this;
        }

        public Builder keys(String... columns) {
            this.keys = List.of(columns);
            return this;
        }

        public Builder partitionBy(String... columns) {
            this.partitionBy = List.of(columns);
            return this;
        }

        public Builder check(String constraintName, String sqlExpression) {
            checks.put(constraintName, sqlExpression);
            return this;
        }

        public Builder mode(WriteMode writeMode) {
            this.mode = writeMode;
            return this;
        }

        /**
         * Declares that the producing code makes the key unique (say where in a comment at the call), so writes skip
         * the key-uniqueness pass. Proven per table by {@code KeysUniqueByConstructionIT}.
         */
        public Builder keysUniqueByConstruction() {
            this.keysUniqueByConstruction = true;
            return this;
        }

        public Builder lineage(String... columns) {
            this.lineage = Set.of(columns);
            return this;
        }

        /**
         * For a {@link Release#PUBLISHED} table (release set first), adds the thresholds stamped on each row:
         * {@value TableContract#SUPPRESS_BELOW} and {@value TableContract#ROUND_TO}. Nothing otherwise.
         */
        public Builder thresholdsIfPublished() {
            if (release == Release.PUBLISHED) {
                column(
                        SUPPRESS_BELOW,
                        org.apache.spark.sql.types.DataTypes.IntegerType,
                        "Disclosure control applied: counts from 1 to this − 1 suppressed");
                column(
                        ROUND_TO,
                        org.apache.spark.sql.types.DataTypes.IntegerType,
                        "Disclosure control applied: other counts rounded to this");
            }
            return this;
        }

        /** Who may see the table; required. */
        public Builder release(Release who) {
            this.release = who;
            return this;
        }

        public TableContract build() {
            return new TableContract(
                    layer,
                    name,
                    description,
                    new StructType(fields.toArray(new StructField[0])),
                    keys,
                    partitionBy,
                    checks,
                    mode,
                    lineage,
                    release,
                    keysUniqueByConstruction);
        }
    }
}
