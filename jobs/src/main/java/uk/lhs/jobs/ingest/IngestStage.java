package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.ingest.DataQualityRows;
import uk.lhs.common.ingest.RowHash;
import uk.lhs.common.ingest.RowHashKey;
import uk.lhs.common.ingest.SilverRows;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.ingest.Vintages;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Finding;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.sources.Sources;
import uk.lhs.common.sources.org.OrgReferenceFiles;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.text.Hashing;
import uk.lhs.common.vocab.Cols;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * {@code lhs ingest}: picks up new or changed files from the landing folder and loads them bronze → silver.
 *
 * <p>Steps: (1) list the landing folder (path order; symbolic links skipped), hash each file by streaming and skip,
 * unread, files whose sha256 is already in {@code bronze.files}; reject unread a file over
 * {@code lhs.ingest.max-file-bytes};
 * (2) build the organisation reference (the shipped defaults, superseded by reference files in the landing folder);
 * (3) read each new file, recognise its source from the header ({@link Sources#detect}), and let the source parse
 * it whole (every month in it: {@code --period} narrows only the later stages) — a file that cannot be read at all
 * is recorded as rejected; (4) write raw rows to bronze, each source's typed
 * rows to its silver table (a re-published month replaces the earlier vintage in one MERGE), bad rows to
 * {@code silver.quarantine}, findings (the sources' own, their reconciliations, unmapped codes, missing months) to
 * {@code gold.data_quality}; (5) record the files in {@code bronze.files} last, so a run killed earlier simply
 * redoes them.
 *
 * <p>Nothing here is about one dataset: what each recognised file becomes is its {@link Source}'s business (the
 * registry, {@link Sources#all()}, lists them). Every data row of every file is in bronze and every file in
 * bronze.files; patient-level files take the spells path ({@link SpellsIngest}); reference files supersede the
 * shipped organisation reference for the run. Bronze rows of files bronze has never seen are appended, not merged
 * ({@link BronzeAppend}).
 */
public final class IngestStage implements Stage {
    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        return "Load new or changed files from the landing folder into bronze and silver (validated; bad rows to"
                + " silver.quarantine, findings to gold.data_quality).";
    }

    /** What one run collects before writing each table once. */
    private static final class Batch {
        final List<Row> files = new ArrayList<>();
        final List<Row> bronzeRows = new ArrayList<>();
        final Map<TableContract, Map<List<Object>, Row>> silver = new LinkedHashMap<>();
        final List<SpellLanding.SpellFile> spellFiles = new ArrayList<>();
        final List<Row> quarantine = new ArrayList<>();
        final List<Row> quality = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        /** The sources' reconciliations that read stored tables, run after this run's silver rows are written. */
        final List<Supplier<List<Finding>>> reconciliations = new ArrayList<>();
    }

    /** A file of the landing folder, read and recognised. */
    private record Landed(LandingFolder.Entry entry, RawCsv csv, Source<?> source) {}

    @Override
    public void run(JobContext ctx, String period, StageOutput out) {
        SparkSession spark = ctx.spark();
        String runId = out.runId();
        LandingFolder landing = new LandingFolder(
                ctx.config().landing().toString(), spark.sparkContext().hadoopConfiguration());
        out.read(IngestTables.FILES, ctx.lakehouse().currentVersion(IngestTables.FILES)); // -1: not yet created
        Set<String> known = knownHashes(ctx);
        Set<String> referenceDatasets = datasetsOf(Source.Kind.REFERENCE);
        Map<String, String> knownDataset = knownDatasets(ctx);
        long cap = ctx.config().ingestMaxFileBytes();

        // Hash every candidate by streaming (constant memory); skip a known file unread, except reference files, which
        // supersede the shipped reference in every run; reject a file over the size cap unread. Read and recognise the
        // rest once; reference files first so the mapping applies to this run's publications.
        for (String link : landing.symlinks()) {
            out.say("skipped " + link + ": a symbolic link (links in the landing folder are not followed)");
        }
        Map<LandingFolder.Entry, Object> parsed = new LinkedHashMap<>();
        Map<LandingFolder.Entry, String> unreadableSha = new LinkedHashMap<>();
        for (LandingFolder.Entry e : landing.csvFiles()) {
            String streamed = landing.sha256(e);
            if (known.contains(streamed) && !referenceDatasets.contains(knownDataset.get(streamed))) {
                continue;
            }
            if (e.size() > cap) {
                parsed.put(e, tooLarge(e.name(), e.size(), cap, MAX_FILE_BYTES));
                unreadableSha.put(e, streamed);
                continue;
            }
            byte[] bytes = landing.read(e);
            try {
                RawCsv csv = RawCsv.parse(e.name(), bytes);
                Object detected;
                try {
                    detected = new Landed(e, csv, Sources.detect(csv));
                } catch (SourceFileException ex) {
                    detected = new Unrecognised(csv, ex);
                }
                parsed.put(e, detected);
            } catch (SourceFileException ex) {
                parsed.put(e, ex);
                unreadableSha.put(e, Hashing.sha256(bytes));
            }
        }
        OrgReference reference = reference(ctx, parsed.values(), out);
        // No period: a new file is loaded whole, every month of it (--period only narrows the later stages), so no row
        // of a file recorded as loaded is ever left out of silver.
        Run run = new Run(ctx, out, new SourceContext(reference, runId), rowHash(ctx));
        Set<String> seenThisRun = new HashSet<>();
        for (Map.Entry<LandingFolder.Entry, Object> p : parsed.entrySet()) {
            LandingFolder.Entry e = p.getKey();
            if (p.getValue() instanceof SourceFileException ex) {
                String sha = unreadableSha.get(e);
                if (known.contains(sha) || !seenThisRun.add(sha)) {
                    continue;
                }
                run.reject(e, sha, null, ex.getMessage());
                out.read(new InputFile(e.path(), sha, null));
                continue;
            }
            RawCsv csv = p.getValue() instanceof Landed l ? l.csv() : ((Unrecognised) p.getValue()).csv();
            if (known.contains(csv.sha256()) || !seenThisRun.add(csv.sha256())) {
                continue;
            }
            out.read(new InputFile(e.path(), csv.sha256(), (long) csv.dataRows().size()));
            if (p.getValue() instanceof Unrecognised u) {
                run.reject(e, csv.sha256(), csv, u.error().getMessage());
                continue;
            }
            Landed file = (Landed) p.getValue();
            if (file.source().kind() == Source.Kind.PATIENT_LEVEL) {
                // Patient-level HES APC-like rows outside spells/ (e.g. the artificial HES APC sample) take the spells
                // path.
                run.batch.spellFiles.add(
                        new SpellLanding.SpellFile(e.path(), e.name(), e.size(), e.modified(), false, csv.sha256()));
                continue;
            }
            try {
                run.load(file, file.source());
            } catch (SourceFileException ex) {
                run.reject(e, csv.sha256(), csv, ex.getMessage());
            }
        }
        SpellsIngest.run(ctx, out, run.batch.spellFiles);
        run.write();
        if (!run.batch.rejected.isEmpty()) {
            throw new IllegalStateException(run.batch.rejected.size()
                    + " file(s) could not be read at all or were refused (recorded in bronze.files): "
                    + String.join(" | ", run.batch.rejected));
        }
    }

    /** A readable file whose header matches no source. */
    private record Unrecognised(RawCsv csv, SourceFileException error) {}

    /** The key that hashes quarantined rows ({@link RowHashKey}: configured, else the lakehouse's key file). */
    static RowHash rowHash(JobContext ctx) {
        return RowHashKey.resolve(
                ctx.config(), ctx.lakehouse().root(), ctx.spark().sparkContext().hadoopConfiguration());
    }

    /** Name of the size cap for publication and reference CSVs. */
    static final String MAX_FILE_BYTES = "lhs.ingest.max-file-bytes";
    /** Name of the size cap for files under {@code spells/}. */
    static final String MAX_SPELL_FILE_BYTES = "lhs.ingest.max-spell-file-bytes";
    /** How a size rejection's message starts in {@code bronze.files}: such a file is loaded once its cap allows. */
    static final String TOO_LARGE = "too large: ";

    /** The rejection of a file over a size cap: it is not read at all. */
    static SourceFileException tooLarge(String name, long size, long cap, String key) {
        return new SourceFileException(
                name,
                TOO_LARGE + size + " bytes, over " + key + " (" + cap + " bytes)",
                "check it is the right file; if it is, raise " + key + " (and the memory it needs) and run again");
    }

    /**
     * The landing folder's CSV and spell files and the shipped organisation reference: ingest is up to date when none
     * is new, gone or changed.
     */
    @Override
    public List<String> filesUsed(JobContext ctx, String period) {
        var hadoop = ctx.spark().sparkContext().hadoopConfiguration();
        List<String> files = new ArrayList<>();
        new LandingFolder(ctx.config().landing().toString(), hadoop).csvFiles().forEach(e -> files.add(e.path()));
        new SpellLanding(ctx.config().landing().toString(), hadoop).files().forEach(f -> files.add(f.path()));
        for (String name :
                List.of(OrgReference.ODS_ETR_FILE, OrgReference.SYSTEM_MAPPING_FILE, OrgReference.SUCCESSORS_FILE)) {
            files.add(ctx.config()
                    .referenceDir()
                    .resolve(name)
                    .toAbsolutePath()
                    .toUri()
                    .toString());
        }
        return files;
    }

    /**
     * sha256 of every file bronze.files has seen (loaded or rejected): such a file is not ingested again. Left out:
     * files named in {@code lhs.ingest.reload}, and files rejected as too large whose size the cap now allows.
     */
    static Set<String> knownHashes(JobContext ctx) {
        if (!ctx.lakehouse().exists(IngestTables.FILES)) {
            return Set.of();
        }
        Set<String> reload = Set.copyOf(ctx.config().ingestReload());
        Map<String, Long> caps = Map.of(
                MAX_FILE_BYTES, ctx.config().ingestMaxFileBytes(),
                MAX_SPELL_FILE_BYTES, ctx.config().ingestMaxSpellFileBytes());
        Set<String> out = new HashSet<>();
        for (Row r : ctx.lakehouse()
                .read(IngestTables.FILES)
                .select(Cols.SOURCE_SHA256, "message", "size_bytes")
                .collectAsList()) {
            String message = r.isNullAt(1) ? "" : r.getString(1);
            boolean fitsNow = message.contains(TOO_LARGE)
                    && !r.isNullAt(2)
                    && caps.entrySet().stream()
                            .anyMatch(c -> message.contains(c.getKey()) && r.getLong(2) <= c.getValue());
            if (!reload.contains(r.getString(0)) && !fitsNow) {
                out.add(r.getString(0));
            }
        }
        return out;
    }

    /** The dataset bronze.files recorded for each file (files it could not recognise are absent). */
    private static Map<String, String> knownDatasets(JobContext ctx) {
        Map<String, String> out = new HashMap<>();
        if (ctx.lakehouse().exists(IngestTables.FILES)) {
            for (Row r : ctx.lakehouse()
                    .read(IngestTables.FILES)
                    .select(Cols.SOURCE_SHA256, Cols.DATASET)
                    .where(col(Cols.DATASET).isNotNull())
                    .collectAsList()) {
                out.put(r.getString(0), r.getString(1));
            }
        }
        return out;
    }

    /** The dataset names of the sources of one kind. */
    private static Set<String> datasetsOf(Source.Kind kind) {
        return Sources.all().stream()
                .filter(s -> s.kind() == kind)
                .map(s -> s.dataset().name())
                .collect(Collectors.toSet());
    }

    /**
     * Records files in {@code bronze.files}. A file recorded before (named in {@code lhs.ingest.reload}, or rejected
     * as too large and now within the cap) has its earlier record replaced: deleted, then the new one appended (a run
     * killed between the two leaves the file unrecorded, so the next run simply ingests it again).
     */
    static void recordFiles(JobContext ctx, StageOutput out, List<Row> files) {
        ctx.writer().ensure(IngestTables.FILES);
        if (files.isEmpty()) {
            return;
        }
        Object[] shas = files.stream().map(r -> r.getString(0)).distinct().toArray();
        String location = ctx.lakehouse().location(IngestTables.FILES);
        if (!ctx.lakehouse()
                .read(IngestTables.FILES)
                .where(col(Cols.SOURCE_SHA256).isin(shas))
                .isEmpty()) {
            io.delta.tables.DeltaTable.forPath(ctx.spark(), location)
                    .delete(col(Cols.SOURCE_SHA256).isin(shas));
        }
        out.wrote(ctx.writer().writeRows(IngestTables.FILES, files, null));
    }

    /** The shipped reference, with each part superseded by the newest reference file of that kind that landed. */
    private static OrgReference reference(JobContext ctx, Collection<Object> parsed, StageOutput out) {
        Map<Dataset, RawCsv> landed = new EnumMap<>(Dataset.class);
        for (Object p : parsed) {
            if (p instanceof Landed l && l.source().kind() == Source.Kind.REFERENCE) {
                landed.put(l.source().dataset(), l.csv());
            }
        }
        OrgReferenceFiles.Built built = OrgReferenceFiles.build(ctx.config().referenceDir(), landed);
        out.say("reference: " + String.join(", ", built.files()));
        return built.reference();
    }

    private static Timestamp now(JobContext ctx) {
        return Timestamp.from(ctx.clock().instant());
    }

    /** One ingest run: its context, output and what it collects. */
    private static final class Run {
        final JobContext ctx;
        final StageOutput out;
        final SourceContext sources;
        final String runId;
        final RowHash rowHash;
        final Batch batch = new Batch();

        Run(JobContext ctx, StageOutput out, SourceContext sources, RowHash rowHash) {
            this.ctx = ctx;
            this.out = out;
            this.sources = sources;
            this.runId = sources.runId();
            this.rowHash = rowHash;
        }

        void reject(LandingFolder.Entry e, String sha, RawCsv csv, String message) {
            batch.rejected.add(message);
            batch.files.add(RowFactory.create(
                    sha,
                    e.path(),
                    null,
                    e.size(),
                    csv == null ? null : (long) csv.dataRows().size(),
                    // The first line only when it is a header: otherwise it may be a patient's row.
                    csv == null || !Sources.anyKnownColumn(csv.header())
                            ? null
                            : SparkRows.seq(Arrays.asList(csv.header())),
                    "rejected",
                    message,
                    runId,
                    now(ctx)));
            batch.quarantine.add(RowFactory.create(sha, 0, "", message, e.name(), null, null, null, runId));
            batch.quality.add(DataQualityRows.finding(
                    "file_rejected",
                    sha,
                    e.name(),
                    null,
                    e.name(),
                    null,
                    "error",
                    false,
                    "unreadable",
                    "a recognised NHS England file",
                    message,
                    runId));
        }

        /** Loads one recognised file through its source. */
        <T> void load(Landed file, Source<T> source) {
            LandingFolder.Entry e = file.entry();
            RawCsv csv = file.csv();
            String sha = csv.sha256();
            String dataset = source.dataset().name();
            Loaded<T> loaded = source.load(csv, sources);
            source.silver().ifPresent(table -> {
                Map<List<Object>, Row> rows = batch.silver.computeIfAbsent(table, t -> new LinkedHashMap<>());
                for (Row row : source.silverRows(loaded, sources)) {
                    rows.put(key(table, row), row);
                }
            });
            loaded.findings().forEach(f -> batch.quality.add(DataQualityRows.of(f, runId)));
            unmapped(loaded, dataset, e.name());
            batch.reconciliations.add(() -> source.reconcile(loaded, stored()));
            List<QuarantineEntry> quarantined = loaded.quarantine();
            batch.bronzeRows.addAll(SilverRows.publicationRows(csv, dataset, runId));
            // Raw text only of published aggregate files loaded to silver; any other dataset keeps just the hash.
            boolean published =
                    source.kind() == Source.Kind.PUBLICATION && source.silver().isPresent();
            batch.quarantine.addAll(SilverRows.quarantineRows(sha, dataset, quarantined, runId, rowHash, published));
            if (!quarantined.isEmpty()) {
                batch.quality.add(DataQualityRows.finding(
                        "rows_quarantined",
                        sha,
                        e.name(),
                        dataset,
                        e.name(),
                        null,
                        "warning",
                        false,
                        Integer.toString(quarantined.size()),
                        "0",
                        quarantined.size() + " row(s) of " + e.name()
                                + " were not loaded; see silver.quarantine for each row, column and reason.",
                        runId));
            }
            batch.files.add(RowFactory.create(
                    sha,
                    e.path(),
                    dataset,
                    e.size(),
                    (long) csv.dataRows().size(),
                    SparkRows.seq(Arrays.asList(csv.header())),
                    "loaded",
                    source.bronzeOnlyReason().orElse(null),
                    runId,
                    now(ctx)));
            out.say(String.format(
                    "%-40s %-24s read %6d  loaded %6d  quarantined %4d%s",
                    e.name(), dataset, csv.dataRows().size(), loaded.loaded(), quarantined.size(), loaded.note()));
        }

        /** Reads a stored table's rows matching a filter (none when the table does not exist yet). */
        BiFunction<TableContract, Column, List<Row>> stored() {
            return (table, filter) -> ctx.lakehouse().exists(table)
                    ? ctx.lakehouse().read(table).filter(filter).collectAsList()
                    : List.of();
        }

        /** A finding per well-formed code that no reference list maps to a system. */
        void unmapped(Loaded<?> loaded, String dataset, String file) {
            LocalDate month = loaded.month();
            for (String code : new TreeSet<>(loaded.referenceCodes())) {
                Placement p =
                        Placement.of(sources.reference(), code, month == null ? LocalDate.now(ctx.clock()) : month);
                if (p.unmapped()) {
                    batch.quality.add(DataQualityRows.finding(
                            "org_unmapped",
                            loaded.csv().sha256(),
                            code,
                            dataset,
                            file,
                            month,
                            "warning",
                            false,
                            code,
                            "a code in the organisation reference",
                            code + " is a well-formed"
                                    + " code that no reference list maps to a system (often an independent-sector provider or urgent"
                                    + " treatment centre). Its rows are kept, counted towards region and England where the region is"
                                    + " known, and shown under system 'unmapped'.",
                            runId));
                }
            }
        }

        void write() {
            // Unchanged reference, no commit: the indicators stage reads this table and would otherwise recompute.
            ctx.writer()
                    .writeRowsIfChanged(
                            IngestTables.ORGANISATIONS,
                            SilverRows.organisations(sources.reference(), "reference", runId))
                    .ifPresent(out::wrote);
            if (!batch.bronzeRows.isEmpty()) {
                Set<String> shas =
                        batch.bronzeRows.stream().map(r -> r.getString(0)).collect(Collectors.toSet());
                BronzeAppend.write(
                                ctx,
                                IngestTables.PUBLICATION_ROWS,
                                DeltaTableWriter.driverFrame(
                                        ctx.spark(), batch.bronzeRows, IngestTables.PUBLICATION_ROWS.schema()),
                                shas)
                        .forEach(out::wrote);
            }
            for (TableContract table : silverTables()) {
                Collection<Row> rows =
                        batch.silver.getOrDefault(table, Map.of()).values();
                writeIfAny(table, new ArrayList<>(rows), scope(replaceable(table, rows)));
            }
            Vintages.record(ctx.lakehouse(), ctx.writer(), runId, now(ctx)).ifPresent(out::wrote);
            writeIfAny(IngestTables.QUARANTINE, batch.quarantine, null);
            List<Row> quality = new ArrayList<>(batch.quality);
            for (Supplier<List<Finding>> r : batch.reconciliations) {
                r.get().forEach(f -> quality.add(DataQualityRows.of(f, runId)));
            }
            for (Source<?> s : Sources.all()) {
                if (s.silver().isPresent() && s.missingMonthsOver().isPresent()) {
                    quality.addAll(missingMonths(
                            s.silver().get(),
                            s.dataset().name(),
                            s.missingMonthsOver().get()));
                }
            }
            writeIfAny(IngestTables.DATA_QUALITY, dedupe(quality), null);
            // Last: a run killed before this line leaves the files unrecorded, so the next run redoes them
            // (idempotently).
            recordFiles(ctx, out, batch.files);
        }

        /**
         * The months whose new vintage may replace the stored month entirely. A revised NHS England publication is a
         * complete file; a file with far fewer rows than the month already holds (a fragment, or a broken copy) is
         * upserted instead, so it can never wipe providers it does not mention — and the finding says so.
         */
        private Set<LocalDate> replaceable(TableContract table, Collection<Row> rows) {
            int period = Arrays.asList(table.schema().fieldNames()).indexOf(Cols.PERIOD_START);
            Map<LocalDate, Long> incoming = new TreeMap<>();
            for (Row r : rows) {
                incoming.merge(r.getDate(period).toLocalDate(), 1L, Long::sum);
            }
            Map<LocalDate, Long> stored = new TreeMap<>();
            if (!incoming.isEmpty() && ctx.lakehouse().exists(table)) {
                for (Row r : ctx.lakehouse()
                        .read(table)
                        .filter(scope(incoming.keySet()))
                        .groupBy(Cols.PERIOD_START)
                        .count()
                        .collectAsList()) {
                    stored.put(((Date) r.get(0)).toLocalDate(), r.getLong(1));
                }
            }
            Set<LocalDate> out = new TreeSet<>();
            for (Map.Entry<LocalDate, Long> e : incoming.entrySet()) {
                long before = stored.getOrDefault(e.getKey(), 0L);
                if (e.getValue() >= MIN_REPLACEMENT_SHARE * before) {
                    out.add(e.getKey());
                } else {
                    batch.quality.add(DataQualityRows.finding(
                            "partial_vintage",
                            "",
                            table.name() + " " + e.getKey(),
                            table.qualifiedName(),
                            null,
                            e.getKey(),
                            "warning",
                            false,
                            e.getValue() + " rows",
                            "at least " + (long) Math.ceil(MIN_REPLACEMENT_SHARE * before) + " rows",
                            "A new file for "
                                    + e.getKey() + " has " + e.getValue() + " rows where " + before
                                    + " are stored; it was merged"
                                    + " row by row and no stored row was removed. If it is a genuine re-publication, check it is"
                                    + " complete.",
                            runId));
                }
            }
            return out;
        }

        private List<Row> missingMonths(TableContract table, String dataset, Column over) {
            if (!ctx.lakehouse().exists(table)) {
                return List.of();
            }
            Map<String, SortedSet<LocalDate>> byOrg = new TreeMap<>();
            for (Row r : ctx.lakehouse()
                    .read(table)
                    .filter(over)
                    .select(Cols.ORG_CODE, Cols.PERIOD_START)
                    .distinct()
                    .collectAsList()) {
                byOrg.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(((Date) r.get(1)).toLocalDate());
            }
            return DataQualityRows.missingMonths(dataset, byOrg, runId);
        }

        private void writeIfAny(TableContract table, List<Row> rows, Column replaceScope) {
            if (rows.isEmpty()) { // no empty table up front: a table is created when first written
                return;
            }
            out.wrote(ctx.writer().writeRows(table, rows, replaceScope));
        }
    }

    /** Every silver table a source loads, once, in registry order. */
    private static Set<TableContract> silverTables() {
        Set<TableContract> out = new LinkedHashSet<>();
        Sources.all().forEach(s -> s.silver().ifPresent(out::add));
        return out;
    }

    /** A silver row's key values, in the contract's key order. */
    private static List<Object> key(TableContract table, Row row) {
        List<String> names = Arrays.asList(table.schema().fieldNames());
        List<Object> key = new ArrayList<>();
        for (String k : table.keys()) {
            key.add(row.get(names.indexOf(k)));
        }
        return key;
    }

    /** Share of a month's current rows a new vintage must have before it may replace the month. */
    static final double MIN_REPLACEMENT_SHARE = 0.9;

    /** A re-published month replaces every row of that month: rows absent from the new vintage are removed. */
    private static Column scope(Set<LocalDate> periods) {
        if (periods.isEmpty()) {
            return null;
        }
        return col(Cols.PERIOD_START).isin(periods.stream().map(Date::valueOf).toArray());
    }

    private static List<Row> dedupe(List<Row> quality) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : quality) {
            byKey.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r);
        }
        return new ArrayList<>(byKey.values());
    }
}
