package uk.lhs.common.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The NHS England datasets this package reads, each recognised from its header (or, for the headerless ODS file,
 * from its shape). Column names are compared after trimming, collapsing runs of spaces and ignoring case, because
 * the publications vary in exactly those ways (e.g. {@code "Attendances (Total) "}).
 */
public enum Dataset {
  /** NHS England "Monthly A&E Attendances and Emergency Admissions" provider CSV (MSitAE). */
  AE_MONTHLY_PROVIDER(true, concat(List.of("Period", "Org Code", "Parent Org", "Org name"), AeMeasure.headers()),
      List.of()),
  /** RTT "Incomplete Provider" CSV: provider x treatment function, weekly bands {@code >0-1 .. 104 plus}. */
  RTT_INCOMPLETE_PROVIDER(true, concat(concat(
      List.of("Region Code", "Provider Code", "Provider Name", "Treatment Function Code", "Treatment Function"),
      RttBands.incompleteProviderHeaders()),
      List.of("Total number of incomplete pathways", "Total within 18 weeks", "% within 18 weeks",
          "Average (median) waiting time (in weeks)", "92nd percentile waiting time (in weeks)",
          "Total 52 plus weeks", "Total 78 plus weeks", "Total 65 plus weeks")),
      List.of("% 52 plus weeks")),
  /** RTT "full CSV extract": provider x commissioner x RTT part x treatment function; band columns optional. */
  RTT_FULL_EXTRACT(true, List.of("Period", "Provider Parent Org Code", "Provider Parent Name", "Provider Org Code",
      "Provider Org Name", "Commissioner Parent Org Code", "Commissioner Parent Name", "Commissioner Org Code",
      "Commissioner Org Name", "RTT Part Type", "RTT Part Description", "Treatment Function Code",
      "Treatment Function Name", "Total", "Patients with unknown clock start date", "Total All"),
      RttBands.fullExtractHeaders()),
  /** ODS "etr" NHS trusts file: no header, 27 columns (code, name, region, ICB, address x5, postcode, dates ...). */
  ORG_ODS_ETR(false, List.of(), List.of()),
  /** NHS England A&E "System-Mapping": provider to ICB (system) to NHS England region. */
  ORG_SYSTEM_MAPPING(true, List.of("Code", "Name", "ICB Code", "ICB Name", "Region Name"), List.of()),
  /** Predecessor to successor organisation file ({@code org_successors.csv}), ISO dates. */
  ORG_SUCCESSORS(true, List.of("old_code", "new_code", "effective_date"), List.of()),
  /** Patient-level spells with HES admitted-patient-care field names. */
  SPELLS_CSV(true, List.of("PSEUDO_HESID", "PROCODE3", "ADMIDATE", "DISDATE", "ADMIMETH", "CLASSPAT", "DISMETH",
      "STARTAGE", "SEX", "MAINSPEF", "DIAG_4_01", "OPERTN_4_01"), List.of()),
  /** A&E "System" (ICB) level table exported to CSV. */
  AE_ICB_LEVEL(true, AeIcbLevelParser.HEADERS, List.of()),
  /**
   * 30-day emergency readmissions r and discharges n of anonymised acute trusts, 2002-03, with a trust cluster
   * (shared data readmissions/). Recognised and kept in bronze only: with no org code and no month it has no key in
   * any silver table (every silver table is keyed by org_code and period_start).
   */
  READMISSIONS_ANONYMISED(true, List.of("r", "n", "cluster", "cluster_code"), List.of()),
  /** NHS Digital artificial HES A&E attendance sample (patient level, AEKEY): kept in bronze only. */
  HES_AE_SAMPLE(true, List.of("PSEUDO_HESID", "AEKEY", "ARRIVALDATE", "PROCODE3"), List.of()),
  /** NHS Digital artificial HES outpatient appointment sample (patient level, ATTENDKEY): kept in bronze only. */
  HES_OP_SAMPLE(true, List.of("PSEUDO_HESID", "ATTENDKEY", "APPTDATE", "PROCODE3"), List.of());

  /**
   * Why a recognised dataset has no silver table, or null when it is loaded to silver (or is reference data). The
   * text goes to {@code bronze.files.message} and the ingest summary.
   */
  public String bronzeOnlyReason() {
    return switch (this) {
      case READMISSIONS_ANONYMISED -> "recognised (2002-03 anonymised trust readmissions: r, n, cluster); kept in"
          + " bronze only: the trusts are anonymised and there is no month, so no row has the org_code and"
          + " period_start that every silver table is keyed by";
      case HES_AE_SAMPLE, HES_OP_SAMPLE -> "recognised (" + this + ", patient-level HES " + (this == HES_AE_SAMPLE
          ? "A&E attendances" : "outpatient appointments") + "); kept in bronze only: no silver table holds"
          + " patient-level A&E or outpatient records";
      default -> null;
    };
  }

  /** Number of columns in the ODS etr file (ODS "etr" file specification; every row of the shared copy has 27). */
  public static final int ODS_ETR_COLUMNS = 27;

  private static final Pattern ODS_REGION = Pattern.compile("[A-Z]\\d\\d");
  private static final Pattern ODS_DATE = Pattern.compile("\\d{8}");

  private final boolean hasHeader;
  private final List<String> required;
  private final List<String> optional;

  Dataset(boolean hasHeader, List<String> required, List<String> optional) {
    this.hasHeader = hasHeader;
    this.required = required;
    this.optional = optional;
  }

  /** Whether the file's first record is a header. */
  public boolean hasHeader() {
    return hasHeader;
  }

  /** Columns that must be present (empty for the headerless ODS file). */
  public List<String> requiredColumns() {
    return required;
  }

  /** Columns that may be present and are read when they are. */
  public List<String> optionalColumns() {
    return optional;
  }

  /** Normalised form of a column name: trimmed, single-spaced, lower case, BOM removed. */
  public static String normalise(String column) {
    return column.replace("\uFEFF", "").trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * Recognises the dataset of a tokenised file.
   *
   * @param csv the file
   * @return the dataset
   * @throws SourceFileException the header matches no dataset; the message lists, for the closest dataset, the
   *     expected columns that are missing and the columns found
   */
  public static Dataset detect(RawCsv csv) {
    String[] header = csv.header();
    if (looksLikeOdsEtr(csv.records().get(0))) {
      return ORG_ODS_ETR;
    }
    List<String> found = IntStream.range(0, header.length).mapToObj(i -> normalise(header[i])).toList();
    Dataset full = null;
    Dataset closest = null;
    double closestShare = -1;
    for (Dataset d : values()) {
      if (!d.hasHeader) {
        continue;
      }
      long hits = d.required.stream().filter(c -> found.contains(normalise(c))).count();
      if (hits == d.required.size() && (full == null || d.required.size() > full.required.size())) {
        full = d;
      }
      double share = hits / (double) d.required.size();
      if (share > closestShare) {
        closest = d;
        closestShare = share;
      }
    }
    if (full != null) {
      return full;
    }
    Dataset best = closest;
    if (closestShare == 0) {
      throw new SourceFileException(csv.fileName(),
          "header not recognised: it has none of the columns of any known dataset " + List.of(values())
              + "; found " + abbreviate(List.of(header)),
          "check the file is an NHS England publication this project reads");
    }
    List<String> missing = new ArrayList<>();
    for (String c : best.required) {
      if (!found.contains(normalise(c))) {
        missing.add(c);
      }
    }
    throw new SourceFileException(csv.fileName(),
        "header not recognised; closest dataset " + best + " lacks " + missing.size() + " of "
            + best.required.size() + " expected columns " + abbreviate(missing) + "; found "
            + abbreviate(List.of(header)),
        "check this is an unedited NHS England " + best + " file (or extend Dataset if the publication changed)");
  }

  /** Whether a record has the ODS etr shape: 27 fields, an org code, a region code and an 8-digit open date. */
  static boolean looksLikeOdsEtr(RawRow first) {
    return first.size() == ODS_ETR_COLUMNS && OrgCodes.isWellFormed(first.value(0))
        && ODS_REGION.matcher(first.value(2)).matches() && ODS_DATE.matcher(first.value(10)).matches();
  }

  private static String abbreviate(List<String> names) {
    final int shown = 12;
    List<String> quoted = names.stream().limit(shown).map(n -> "'" + n + "'").toList();
    String list = String.join(", ", quoted);
    return "[" + list + (names.size() > shown ? ", ... (" + names.size() + " in all)" : "") + "]";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
