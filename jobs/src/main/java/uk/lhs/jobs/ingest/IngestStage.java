package uk.lhs.jobs.ingest;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.ingest.DataQualityRows;
import uk.lhs.common.ingest.SilverRows;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.sources.AeIcbLevelParser;
import uk.lhs.common.sources.AeIcbMonth;
import uk.lhs.common.sources.AeMonthlyProviderParser;
import uk.lhs.common.sources.AeProviderMonth;
import uk.lhs.common.sources.AeReconciliation;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.OrgSuccessor;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Periods;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RttExtractIncomplete;
import uk.lhs.common.sources.RttExtractParser;
import uk.lhs.common.sources.RttExtractRow;
import uk.lhs.common.sources.RttIncompleteProvider;
import uk.lhs.common.sources.RttIncompleteProviderParser;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.pipeline.StageOutput;
import uk.lhs.common.text.Hashing;

/**
 * {@code lhs ingest}: picks up new or changed files from the landing folder and loads them bronze → silver.
 *
 * <p>Steps: (1) list the landing folder and skip files whose sha256 is already in {@code bronze.files};
 * (2) build the organisation reference (the shipped defaults, superseded by reference files in the landing folder);
 * (3) read each new file, recognise its dataset from the header, and parse it — a file that cannot be read at all is
 * recorded as rejected; (4) write raw rows to bronze, typed rows to silver (a re-published month replaces the earlier
 * vintage in one MERGE), bad rows to {@code silver.quarantine}, findings to {@code gold.data_quality};
 * (5) record the files in {@code bronze.files} last, so a run killed earlier simply redoes them.
 *
 * <p>What each recognised file becomes (every data row of every file is in bronze, every file in bronze.files):
 * <ul>
 *   <li>A&E provider month → {@code silver.ae_monthly}; its TOTAL row is a control: rows read = silver + quarantined
 *       + 1, and the sum over providers must equal the TOTAL row in every measure ({@code gold.data_quality}).
 *   <li>RTT incomplete provider month → {@code silver.rtt_incomplete}; RTT full extract → reconciled against it
 *       ({@code rtt_extract_reconciles}), no silver rows of its own.
 *   <li>A&E ICB-level month → {@code silver.ae_system_monthly} (org_code = ICB code): NHS England's published system
 *       figures, kept as published, not recomputed from providers; each row must pass the table's identities
 *       (totals = sum of types, within + over 4 h at most attendances), else it is quarantined. Rows read = silver +
 *       quarantined (the file has no TOTAL row).
 *   <li>ODS etr / System-Mapping / successors → {@code silver.organisations} (superseding conf/reference).
 *   <li>HES APC-like CSV anywhere in the landing folder → the spells path ({@link SpellsIngest}): bronze.spells,
 *       episodes linked into spells, silver.spells or silver.quarantine.
 *   <li>2002-03 anonymised readmissions, HES A&E and outpatient samples → recognised, bronze only, status
 *       {@code loaded} with {@code bronze.files.message} saying why there is no silver table
 *       ({@link Dataset#bronzeOnlyReason()}).
 * </ul>
 * Bronze rows of files bronze has never seen are appended, not merged ({@link BronzeAppend}).
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
    final Map<String, Row> ae = new LinkedHashMap<>();
    final Map<String, Row> aeSystem = new LinkedHashMap<>();
    final List<SpellLanding.SpellFile> spellFiles = new ArrayList<>();
    final Map<String, Row> rtt = new LinkedHashMap<>();
    final List<Row> quarantine = new ArrayList<>();
    final List<Row> quality = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final Map<String, List<RttExtractIncomplete>> extracts = new LinkedHashMap<>();
  }

  @Override
  public void run(JobContext ctx, String period, StageOutput out) {
    SparkSession spark = ctx.spark();
    String runId = out.runId();
    LandingFolder landing = new LandingFolder(ctx.config().landing().toString(),
        spark.sparkContext().hadoopConfiguration());
    Set<String> known = knownHashes(ctx);

    // Read every candidate once; reference files first so the mapping applies to this run's publications.
    Map<LandingFolder.Entry, Object> parsed = new LinkedHashMap<>();
    Map<LandingFolder.Entry, String> unreadableSha = new LinkedHashMap<>();
    for (LandingFolder.Entry e : landing.csvFiles()) {
      byte[] bytes = landing.read(e);
      try {
        parsed.put(e, RawCsv.parse(e.name(), bytes));
      } catch (SourceFileException ex) {
        parsed.put(e, ex);
        unreadableSha.put(e, Hashing.sha256(bytes));
      }
    }
    OrgReference reference = reference(ctx, parsed, out);
    Batch batch = new Batch();
    Set<String> seenThisRun = new HashSet<>();
    for (Map.Entry<LandingFolder.Entry, Object> p : parsed.entrySet()) {
      LandingFolder.Entry e = p.getKey();
      if (p.getValue() instanceof SourceFileException ex) {
        String sha = unreadableSha.get(e);
        if (known.contains(sha) || !seenThisRun.add(sha)) {
          continue;
        }
        reject(batch, e, sha, null, ex.getMessage(), runId, ctx);
        out.read(new InputFile(e.path(), sha, null));
        continue;
      }
      RawCsv csv = (RawCsv) p.getValue();
      if (known.contains(csv.sha256()) || !seenThisRun.add(csv.sha256())) {
        continue;
      }
      out.read(new InputFile(e.path(), csv.sha256(), (long) csv.dataRows().size()));
      Dataset dataset;
      try {
        dataset = Dataset.detect(csv);
      } catch (SourceFileException ex) {
        reject(batch, e, csv.sha256(), csv, ex.getMessage(), runId, ctx);
        continue;
      }
      if (dataset == Dataset.SPELLS_CSV) {
        // Patient-level HES APC-like rows outside spells/ (e.g. the artificial HES APC sample) take the spells path.
        batch.spellFiles.add(new SpellLanding.SpellFile(e.path(), e.name(), e.size(), e.modified(), false,
            csv.sha256()));
        continue;
      }
      try {
        load(batch, e, csv, dataset, reference, period, runId, ctx, out);
      } catch (SourceFileException ex) {
        reject(batch, e, csv.sha256(), csv, ex.getMessage(), runId, ctx);
      }
    }
    SpellsIngest.run(ctx, out, batch.spellFiles);
    write(ctx, batch, reference, runId, out);
    if (!batch.rejected.isEmpty()) {
      throw new IllegalStateException(batch.rejected.size() + " file(s) could not be read at all: "
          + String.join(" | ", batch.rejected));
    }
  }

  /** sha256 of every file bronze.files has seen (loaded or rejected): such a file is not ingested again. */
  static Set<String> knownHashes(JobContext ctx) {
    if (!ctx.lakehouse().exists(IngestTables.FILES)) {
      return Set.of();
    }
    return ctx.lakehouse().read(IngestTables.FILES).select("source_sha256").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  /** The shipped reference, with each part superseded by the newest reference file of that kind that landed. */
  private static OrgReference reference(JobContext ctx, Map<LandingFolder.Entry, Object> parsed, StageOutput out) {
    java.nio.file.Path dir = ctx.config().referenceDir();
    ParseResult<Organisation> etr = null;
    ParseResult<Organisation> mapping = null;
    ParseResult<OrgSuccessor> successors = null;
    for (Map.Entry<LandingFolder.Entry, Object> p : parsed.entrySet()) {
      if (!(p.getValue() instanceof RawCsv csv)) {
        continue;
      }
      Dataset d;
      try {
        d = Dataset.detect(csv);
      } catch (SourceFileException ex) {
        continue;
      }
      switch (d) {
        case ORG_ODS_ETR -> etr = OrgReferenceParser.parseOdsEtr(csv);
        case ORG_SYSTEM_MAPPING -> mapping = OrgReferenceParser.parseSystemMapping(csv);
        case ORG_SUCCESSORS -> successors = OrgReferenceParser.parseSuccessors(csv);
        default -> { }
      }
    }
    if (etr == null) {
      etr = OrgReferenceParser.parseOdsEtr(RawCsv.read(dir.resolve(OrgReference.ODS_ETR_FILE)));
    }
    if (mapping == null) {
      mapping = OrgReferenceParser.parseSystemMapping(RawCsv.read(dir.resolve(OrgReference.SYSTEM_MAPPING_FILE)));
    }
    if (successors == null && java.nio.file.Files.exists(dir.resolve(OrgReference.SUCCESSORS_FILE))) {
      successors = OrgReferenceParser.parseSuccessors(RawCsv.read(dir.resolve(OrgReference.SUCCESSORS_FILE)));
    }
    out.say("reference: " + etr.file() + ", " + mapping.file()
        + (successors == null ? "" : ", " + successors.file()));
    return OrgReference.of(etr, mapping, successors);
  }

  private static void reject(Batch batch, LandingFolder.Entry e, String sha, RawCsv csv, String message,
      String runId, JobContext ctx) {
    batch.rejected.add(message);
    batch.files.add(RowFactory.create(sha, e.path(), null, e.size(), csv == null ? null : (long) csv.dataRows().size(),
        csv == null ? null : SparkRows.seq(Arrays.asList(csv.header())), "rejected", message, runId, now(ctx)));
    batch.quarantine.add(RowFactory.create(sha, 0, "", message, e.name(), null, null, runId));
    batch.quality.add(DataQualityRows.finding("file_rejected", sha, e.name(), null, e.name(), null, "error", false,
        "unreadable", "a recognised NHS England file", message, runId));
  }

  private static Timestamp now(JobContext ctx) {
    return Timestamp.from(ctx.clock().instant());
  }

  private static void load(Batch batch, LandingFolder.Entry e, RawCsv csv, Dataset dataset, OrgReference ref,
      String period, String runId, JobContext ctx, StageOutput out) {
    String sha = csv.sha256();
    int loaded = 0;
    List<QuarantineEntry> quarantined = List.of();
    String note = "";
    String bronzeOnly = null;
    switch (dataset) {
      case AE_MONTHLY_PROVIDER -> {
        ParseResult<AeProviderMonth> r = AeMonthlyProviderParser.parse(csv);
        List<AeProviderMonth> records = inPeriod(r.records(), AeProviderMonth::periodStart, period);
        for (Row row : SilverRows.aeMonthly(records, ref, sha, runId)) {
          batch.ae.put(row.getString(0) + "|" + row.getDate(1), row);
        }
        LocalDate month = r.records().isEmpty() ? null : r.records().get(0).periodStart();
        batch.quality.addAll(DataQualityRows.aeReconciliation(AeReconciliation.reconcile(r), sha, month, runId));
        unmapped(batch, records.stream().map(AeProviderMonth::orgCode).toList(), month, ref, dataset, e, sha,
            runId);
        loaded = records.size();
        quarantined = r.quarantine();
        note = r.controls().isEmpty() ? "" : ", TOTAL row kept as control";
      }
      case RTT_INCOMPLETE_PROVIDER -> {
        LocalDate month = Periods.fromFileName(csv.fileName()).orElseThrow(() -> new SourceFileException(
            csv.fileName(), "no reporting period: RTT Incomplete-Provider files have no period column and the name"
                + " has no yyyy-MM", "rename the file like RTT-Incomplete-Provider-2024-06.csv"));
        ParseResult<RttIncompleteProvider> r = RttIncompleteProviderParser.parse(csv, month);
        List<RttIncompleteProvider> records = inPeriod(r.records(), RttIncompleteProvider::periodStart, period);
        for (Row row : SilverRows.rttIncomplete(records, ref, sha, runId)) {
          batch.rtt.put(row.getString(0) + "|" + row.getDate(1) + "|" + row.getString(2), row);
        }
        unmapped(batch, records.stream().map(RttIncompleteProvider::providerCode).distinct().toList(), month, ref,
            dataset, e, sha, runId);
        loaded = records.size();
        quarantined = r.quarantine();
      }
      case RTT_FULL_EXTRACT -> {
        // The provider x commissioner extract is a cross-check of the provider file (NHS England's own
        // reconciliation: Part_2 summed over commissioners, NONC excluded), not a second source of silver rows.
        ParseResult<RttExtractRow> r = RttExtractParser.parse(csv);
        batch.extracts.put(sha + "|" + e.name(), RttExtractIncomplete.aggregate(r.records()));
        loaded = r.records().size();
        quarantined = r.quarantine();
        note = ", reconciled with the provider file (gold.data_quality)";
      }
      case AE_ICB_LEVEL -> {
        LocalDate month = Periods.fromFileName(csv.fileName()).orElseThrow(() -> new SourceFileException(
            csv.fileName(), "no reporting period: A&E ICB-level tables have no period column and the name has no"
                + " yyyy-MM", "rename the file like AE-ICB-2023-04.csv"));
        ParseResult<AeIcbMonth> r = AeIcbLevelParser.parse(csv, month);
        List<AeIcbMonth> records = inPeriod(r.records(), AeIcbMonth::periodStart, period);
        for (Row row : SilverRows.aeSystemMonthly(records, ref, sha, runId)) {
          batch.aeSystem.put(row.getString(0) + "|" + row.getDate(1), row);
        }
        loaded = records.size();
        quarantined = r.quarantine();
        note = ", published system figures to silver.ae_system_monthly";
      }
      default -> {
        bronzeOnly = dataset.bronzeOnlyReason();
        note = ", " + (bronzeOnly != null ? bronzeOnly : "kept in bronze (" + dataset + " is not loaded to silver)");
      }
    }
    batch.bronzeRows.addAll(SilverRows.publicationRows(csv, dataset.name(), runId));
    batch.quarantine.addAll(SilverRows.quarantineRows(sha, dataset.name(), quarantined, runId));
    if (!quarantined.isEmpty()) {
      batch.quality.add(DataQualityRows.finding("rows_quarantined", sha, e.name(), dataset.name(), e.name(), null,
          "warning", false, Integer.toString(quarantined.size()), "0", quarantined.size() + " row(s) of "
              + e.name() + " were not loaded; see silver.quarantine for each row, column and reason.", runId));
    }
    batch.files.add(RowFactory.create(sha, e.path(), dataset.name(), e.size(), (long) csv.dataRows().size(),
        SparkRows.seq(Arrays.asList(csv.header())), "loaded", bronzeOnly, runId, now(ctx)));
    out.say(String.format("%-40s %-24s read %6d  loaded %6d  quarantined %4d%s", e.name(), dataset,
        csv.dataRows().size(), loaded, quarantined.size(), note));
  }

  private static <T> List<T> inPeriod(List<T> records, java.util.function.Function<T, LocalDate> month,
      String period) {
    if (period == null) {
      return records;
    }
    LocalDate wanted = LocalDate.parse(period + "-01");
    return records.stream().filter(r -> wanted.equals(month.apply(r))).toList();
  }

  private static void unmapped(Batch batch, List<String> codes, LocalDate month, OrgReference ref, Dataset dataset,
      LandingFolder.Entry e, String sha, String runId) {
    for (String code : new TreeSet<>(codes)) {
      SilverRows.Placement p = SilverRows.place(ref, code, month == null ? LocalDate.now() : month);
      if (SilverRows.UNMAPPED.equals(p.systemCode())) {
        batch.quality.add(DataQualityRows.finding("org_unmapped", sha, code, dataset.name(), e.name(), month,
            "warning", false, code, "a code in the organisation reference", code + " is a well-formed code that"
                + " no reference list maps to a system (often an independent-sector provider or urgent treatment"
                + " centre). Its rows are kept, counted towards region and England where the region is known,"
                + " and shown under system 'unmapped'.", runId));
      }
    }
  }

  private static void write(JobContext ctx, Batch batch, OrgReference ref, String runId, StageOutput out) {
    out.wrote(ctx.writer().writeRows(IngestTables.ORGANISATIONS, SilverRows.organisations(ref, "reference", runId),
        null));
    if (!batch.bronzeRows.isEmpty()) {
      Set<String> shas = batch.bronzeRows.stream().map(r -> r.getString(0)).collect(Collectors.toSet());
      BronzeAppend.write(ctx, IngestTables.PUBLICATION_ROWS, DeltaTableWriter.driverFrame(ctx.spark(), batch.bronzeRows,
          IngestTables.PUBLICATION_ROWS.schema()), shas).forEach(out::wrote);
    }
    writeIfAny(ctx, IngestTables.AE_MONTHLY, new ArrayList<>(batch.ae.values()),
        scope(replaceable(ctx, IngestTables.AE_MONTHLY, batch.ae.values(), batch, runId)), out);
    writeIfAny(ctx, IngestTables.AE_SYSTEM_MONTHLY, new ArrayList<>(batch.aeSystem.values()),
        scope(replaceable(ctx, IngestTables.AE_SYSTEM_MONTHLY, batch.aeSystem.values(), batch, runId)), out);
    writeIfAny(ctx, IngestTables.RTT_INCOMPLETE, new ArrayList<>(batch.rtt.values()),
        scope(replaceable(ctx, IngestTables.RTT_INCOMPLETE, batch.rtt.values(), batch, runId)), out);
    writeIfAny(ctx, IngestTables.QUARANTINE, batch.quarantine, null, out);
    List<Row> quality = new ArrayList<>(batch.quality);
    quality.addAll(extractReconciliation(ctx, batch, runId));
    quality.addAll(missingMonths(ctx, IngestTables.AE_MONTHLY, "AE_MONTHLY_PROVIDER", null, runId));
    quality.addAll(missingMonths(ctx, IngestTables.RTT_INCOMPLETE, "RTT_INCOMPLETE_PROVIDER",
        "treatment_function_code = '" + RttIncompleteProvider.ALL_FUNCTIONS + "'", runId));
    writeIfAny(ctx, IngestTables.DATA_QUALITY, dedupe(quality), null, out);
    // Last: a run killed before this line leaves the files unrecorded, so the next run redoes them (idempotently).
    writeIfAny(ctx, IngestTables.FILES, batch.files, null, out);
  }

  /**
   * Each RTT full extract, aggregated to provider x treatment function, against silver.rtt_incomplete for the same
   * month: total pathways and, where the extract carries the bands, the 52-week waiters.
   */
  private static List<Row> extractReconciliation(JobContext ctx, Batch batch, String runId) {
    List<Row> rows = new ArrayList<>();
    if (batch.extracts.isEmpty() || !ctx.lakehouse().exists(IngestTables.RTT_INCOMPLETE)) {
      return rows;
    }
    for (Map.Entry<String, List<RttExtractIncomplete>> x : batch.extracts.entrySet()) {
      String sha = x.getKey().substring(0, x.getKey().indexOf('|'));
      String file = x.getKey().substring(x.getKey().indexOf('|') + 1);
      Set<LocalDate> months = x.getValue().stream().map(RttExtractIncomplete::periodStart)
          .collect(Collectors.toCollection(TreeSet::new));
      Map<String, long[]> published = new java.util.HashMap<>();
      for (Row r : ctx.lakehouse().read(IngestTables.RTT_INCOMPLETE).filter(scope(months).replace("t.", ""))
          .select("published_org_code", "period_start", "treatment_function_code", "total_pathways", "over_52_weeks")
          .collectAsList()) {
        published.put(r.getString(0) + "|" + r.get(1) + "|" + r.getString(2), new long[] {r.getLong(3), r.getLong(4)});
      }
      int compared = 0;
      int equal = 0;
      List<String> examples = new ArrayList<>();
      for (RttExtractIncomplete a : x.getValue()) {
        long[] p = published.get(a.providerCode() + "|" + Date.valueOf(a.periodStart()) + "|"
            + a.treatmentFunctionCode());
        if (p == null) {
          continue;
        }
        compared++;
        boolean same = p[0] == a.total() && a.waitingOver(52).orElse(p[1]) == p[1];
        if (same) {
          equal++;
        } else if (examples.size() < 5) {
          examples.add(a.providerCode() + " " + a.treatmentFunctionCode() + ": extract " + a.total()
              + " vs provider file " + p[0]);
        }
      }
      boolean passed = compared > 0 && equal == compared;
      rows.add(DataQualityRows.finding("rtt_extract_reconciles", sha, "all pairs", "RTT_FULL_EXTRACT", file,
          months.isEmpty() ? null : months.iterator().next(), passed ? "info" : compared == 0 ? "warning" : "error",
          passed, equal + " of " + compared + " provider x function pairs equal", compared + " equal",
          compared == 0 ? "No provider file for the same month has been ingested, so the extract could not be"
              + " reconciled." : passed ? "Summed over commissioners (Part_2, NONC excluded), the extract equals the"
              + " provider file for every pair in both." : "The extract differs from the provider file, e.g. "
              + String.join("; ", examples) + ".", runId));
    }
    return rows;
  }

  /** Share of a month's current rows a new vintage must have before it may replace the month. */
  static final double MIN_REPLACEMENT_SHARE = 0.9;

  /**
   * The months whose new vintage may replace the stored month entirely. A revised NHS England publication is a
   * complete file; a file with far fewer rows than the month already holds (a fragment, or a broken copy) is upserted
   * instead, so it can never wipe providers it does not mention — and the finding says so.
   */
  private static Set<LocalDate> replaceable(JobContext ctx, TableContract table, java.util.Collection<Row> rows,
      Batch batch, String runId) {
    Map<LocalDate, Long> incoming = new TreeMap<>();
    for (Row r : rows) {
      incoming.merge(r.getDate(1).toLocalDate(), 1L, Long::sum);
    }
    Map<LocalDate, Long> stored = new TreeMap<>();
    if (!incoming.isEmpty() && ctx.lakehouse().exists(table)) {
      for (Row r : ctx.lakehouse().read(table).filter(scope(incoming.keySet()).replace("t.", ""))
          .groupBy("period_start").count().collectAsList()) {
        stored.put(((Date) r.get(0)).toLocalDate(), r.getLong(1));
      }
    }
    Set<LocalDate> out = new TreeSet<>();
    for (Map.Entry<LocalDate, Long> e : incoming.entrySet()) {
      long before = stored.getOrDefault(e.getKey(), 0L);
      if (e.getValue() >= MIN_REPLACEMENT_SHARE * before) {
        out.add(e.getKey());
      } else {
        batch.quality.add(DataQualityRows.finding("partial_vintage", "", table.name() + " " + e.getKey(),
            table.qualifiedName(), null, e.getKey(), "warning", false, e.getValue() + " rows",
            "at least " + (long) Math.ceil(MIN_REPLACEMENT_SHARE * before) + " rows", "A new file for "
                + e.getKey() + " has " + e.getValue() + " rows where " + before + " are stored; it was merged"
                + " row by row and no stored row was removed. If it is a genuine re-publication, check it is"
                + " complete.", runId));
      }
    }
    return out;
  }

  /** A re-published month replaces every row of that month: rows absent from the new vintage are removed. */
  private static String scope(Set<LocalDate> periods) {
    if (periods.isEmpty()) {
      return null;
    }
    return "t.period_start IN (" + periods.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
        + ")";
  }

  private static List<Row> dedupe(List<Row> quality) {
    Map<String, Row> byKey = new LinkedHashMap<>();
    for (Row r : quality) {
      byKey.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r);
    }
    return new ArrayList<>(byKey.values());
  }

  private static List<Row> missingMonths(JobContext ctx, TableContract table, String dataset, String filter,
      String runId) {
    if (!ctx.lakehouse().exists(table)) {
      return List.of();
    }
    var df = ctx.lakehouse().read(table);
    if (filter != null) {
      df = df.filter(filter);
    }
    Map<String, SortedSet<LocalDate>> byOrg = new TreeMap<>();
    for (Row r : df.select("org_code", "period_start").distinct().collectAsList()) {
      byOrg.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(((Date) r.get(1)).toLocalDate());
    }
    return DataQualityRows.missingMonths(dataset, byOrg, runId);
  }

  private static void writeIfAny(JobContext ctx, TableContract table, List<Row> rows, String replaceScope,
      StageOutput out) {
    ctx.writer().ensure(table);
    if (rows.isEmpty()) {
      return;
    }
    out.wrote(ctx.writer().writeRows(table, rows, replaceScope));
  }
}
