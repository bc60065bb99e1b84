package uk.lhs.common.ingest;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.sources.AeIcbMonth;
import uk.lhs.common.sources.AeMeasure;
import uk.lhs.common.sources.AeProviderMonth;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.RttIncompleteProvider;
import uk.lhs.common.tables.IngestTables;

/**
 * Pure conversions from parsed source records to rows of the bronze and silver contracts in {@link IngestTables}.
 * Organisation codes are mapped to their current successor for the month (a merged trust's history rolls into its
 * successor); codes the reference does not know are kept with system and region {@code unmapped}.
 */
public final class SilverRows {
  /** System / region placeholder for a well-formed code that no reference list knows. */
  public static final String UNMAPPED = "unmapped";

  private SilverRows() {}

  /** bronze.publication_rows: every data row of the file as read. */
  public static List<Row> publicationRows(RawCsv csv, String dataset, String runId) {
    List<Row> rows = new ArrayList<>();
    for (RawRow r : csv.dataRows()) {
      rows.add(RowFactory.create(csv.sha256(), r.rowNumber(), csv.fileName(), dataset,
          SparkRows.seq(Arrays.asList(r.rawValues())), r.rawLine(), runId));
    }
    return rows;
  }

  /** silver.quarantine rows for a file's rejected rows. */
  public static List<Row> quarantineRows(String sha256, String dataset, List<QuarantineEntry> entries, String runId) {
    Map<List<Object>, Row> unique = new LinkedHashMap<>();
    for (QuarantineEntry q : entries) {
      String column = q.column() == null ? "" : q.column();
      unique.putIfAbsent(List.of(q.rowNumber(), column, q.reason()), RowFactory.create(sha256, q.rowNumber(), column,
          q.reason(), q.file(), dataset, q.rawLine(), runId));
    }
    return new ArrayList<>(unique.values());
  }

  /** Where a provider sits, after successor mapping. */
  public record Placement(String orgCode, String systemCode, String regionCode, boolean known) {}

  /** Maps a published code for a month to its current code, system and region. */
  public static Placement place(OrgReference ref, String publishedCode, java.time.LocalDate month) {
    String current = ref.currentCode(publishedCode, month);
    Optional<Organisation> org = ref.lookup(current);
    String system = org.map(Organisation::parentSystemCode).orElse(null);
    String region = org.map(Organisation::regionCode).orElse(null);
    return new Placement(current, system == null ? UNMAPPED : system, region == null ? UNMAPPED : region,
        org.isPresent());
  }

  /**
   * silver.ae_monthly rows. Records that map to the same current code and month (both halves of a merger
   * reporting separately) are summed: counts add, rates are never averaged.
   */
  public static List<Row> aeMonthly(List<AeProviderMonth> records, OrgReference ref, String sha256, String runId) {
    Map<String, Object[]> byKey = new TreeMap<>();
    int measures = AeMeasure.values().length;
    for (AeProviderMonth r : records) {
      Placement p = place(ref, r.orgCode(), r.periodStart());
      String key = p.orgCode() + "|" + r.periodStart();
      Object[] cur = byKey.get(key);
      if (cur == null) {
        cur = new Object[7 + measures + 4];
        cur[0] = p.orgCode();
        cur[1] = Date.valueOf(r.periodStart());
        cur[2] = r.orgCode();
        cur[3] = r.orgName();
        cur[4] = r.parentOrg();
        cur[5] = p.systemCode();
        cur[6] = p.regionCode();
        for (int i = 0; i < measures; i++) {
          cur[7 + i] = 0L;
        }
        cur[7 + measures] = r.file();
        cur[8 + measures] = sha256;
        cur[9 + measures] = r.rowNumber();
        cur[10 + measures] = runId;
        byKey.put(key, cur);
      } else {
        cur[2] = cur[2] + "+" + r.orgCode();
      }
      for (AeMeasure m : AeMeasure.values()) {
        cur[7 + m.ordinal()] = (Long) cur[7 + m.ordinal()] + m.of(r);
      }
    }
    List<Row> rows = new ArrayList<>();
    byKey.values().forEach(v -> rows.add(RowFactory.create(v)));
    return rows;
  }

  /**
   * silver.ae_system_monthly rows: one per ICB and month, as published; the region comes from the reference
   * ({@code unmapped} when the ICB code is not in it).
   */
  public static List<Row> aeSystemMonthly(List<AeIcbMonth> records, OrgReference ref, String sha256, String runId) {
    List<Row> rows = new ArrayList<>();
    for (AeIcbMonth r : records) {
      String region = ref.lookup(r.icbCode()).map(Organisation::regionCode).orElse(null);
      List<Object> v = new ArrayList<>(List.of(r.icbCode(), Date.valueOf(r.periodStart()), r.icbName(),
          region == null ? UNMAPPED : region));
      for (long c : r.counts()) {
        v.add(c);
      }
      v.add(r.publishedPctWithin4hTotal());
      v.add(r.publishedPctWithin4hType1());
      v.add(r.publishedPctWithin4hType2());
      v.add(r.publishedPctWithin4hType3());
      v.add(r.file());
      v.add(sha256);
      v.add(r.rowNumber());
      v.add(runId);
      rows.add(RowFactory.create(v.toArray()));
    }
    return rows;
  }

  /** Number of weekly bands in silver.rtt_incomplete: 104 one-week bands plus "104 plus". */
  public static final int RTT_BANDS = 105;

  /** silver.rtt_incomplete rows; merged providers' pathways are summed band by band. */
  public static List<Row> rttIncomplete(List<RttIncompleteProvider> records, OrgReference ref, String sha256,
      String runId) {
    Map<String, Object[]> byKey = new TreeMap<>();
    for (RttIncompleteProvider r : records) {
      Placement p = place(ref, r.providerCode(), r.periodStart());
      String key = p.orgCode() + "|" + r.periodStart() + "|" + r.treatmentFunctionCode();
      Object[] cur = byKey.get(key);
      if (cur == null) {
        cur = new Object[] {p.orgCode(), Date.valueOf(r.periodStart()), r.treatmentFunctionCode(),
            r.treatmentFunctionName(), r.providerCode(), r.providerName(), p.systemCode(), p.regionCode(),
            new long[RTT_BANDS], 0L, 0L, 0L, 0L, 0L, 0L, r.publishedPctWithin18Weeks(),
            r.publishedMedianWeeks(), r.publishedP92Weeks(), r.file(), sha256, r.rowNumber(), runId};
        byKey.put(key, cur);
      } else {
        // Published summary figures of a single provider do not describe the merged total.
        cur[4] = cur[4] + "+" + r.providerCode();
        cur[15] = null;
        cur[16] = null;
        cur[17] = null;
      }
      long[] bands = (long[]) cur[8];
      for (int i = 0; i < RTT_BANDS && i < r.bands().length; i++) {
        bands[i] += r.bands()[i];
      }
      cur[9] = (Long) cur[9] + r.total();
      cur[10] = (Long) cur[10] + r.within18Weeks();
      cur[11] = (Long) cur[11] + r.total52Plus();
      cur[12] = (Long) cur[12] + r.total65Plus();
      cur[13] = (Long) cur[13] + r.total78Plus();
      cur[14] = (Long) cur[14] + r.bands()[RTT_BANDS - 1];
    }
    List<Row> rows = new ArrayList<>();
    for (Object[] v : byKey.values()) {
      long[] bands = (long[]) v[8];
      List<Long> boxed = new ArrayList<>(bands.length);
      for (long b : bands) {
        boxed.add(b);
      }
      v[8] = SparkRows.seq(boxed);
      rows.add(RowFactory.create(v));
    }
    return rows;
  }

  /** silver.organisations rows: trusts, systems and regions from the reference. */
  public static List<Row> organisations(OrgReference ref, String source, String runId) {
    Map<String, Row> rows = new TreeMap<>();
    Map<String, String> systemName = new LinkedHashMap<>();
    Map<String, String> regionName = new LinkedHashMap<>();
    for (Organisation o : ref.all()) {
      if (Organisation.ICB.equals(o.level())) {
        systemName.put(o.code(), o.name());
      }
    }
    for (Organisation o : ref.all()) {
      if (o.regionCode() != null && o.regionName() != null) {
        regionName.putIfAbsent(o.regionCode(), o.regionName());
      }
    }
    for (Organisation o : ref.all()) {
      String level = Organisation.ICB.equals(o.level()) ? "system" : "trust";
      String sys = "system".equals(level) ? o.code() : o.parentSystemCode();
      String sysName = "system".equals(level) ? o.name() : (o.systemName() != null ? o.systemName()
          : systemName.get(sys));
      rows.put(o.code(), RowFactory.create(o.code(), o.name(), level, sys, sysName, o.regionCode(),
          o.regionName() != null ? o.regionName() : regionName.get(o.regionCode()),
          o.openDate() == null ? null : Date.valueOf(o.openDate()),
          o.closeDate() == null ? null : Date.valueOf(o.closeDate()), o.successorCode(), source, runId));
    }
    for (Map.Entry<String, String> r : regionName.entrySet()) {
      rows.putIfAbsent(r.getKey(), RowFactory.create(r.getKey(), r.getValue(), "region", null, null, r.getKey(),
          r.getValue(), null, null, null, source, runId));
    }
    return new ArrayList<>(rows.values());
  }
}
