package uk.lhs.common.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisation reference: NHS trusts from the ODS etr file, other A&E providers and the ICB attribution from
 * NHS England's System-Mapping, ICBs, and predecessor-to-successor links. A code that is absent is not an error
 * here: {@link #lookup} returns empty and the caller decides.
 *
 * <p>Region codes for organisations known only from the System-Mapping, and region names for trusts, come from
 * the region code to name pairs observed on the organisations present in both files (each of the seven NHS England
 * regions, Y56-Y63, pairs with exactly one name there); a conflicting pair is reported in {@link #notes()}.
 */
public final class OrgReference {
    /** File names of the shipped defaults in {@code conf/reference/}. */
    public static final String ODS_ETR_FILE = "ods_etr.csv";
    /** NHS England A&E System-Mapping file name. */
    public static final String SYSTEM_MAPPING_FILE = "System-Mapping_trust_to_ICB.csv";
    /** Optional predecessor-to-successor file name. */
    public static final String SUCCESSORS_FILE = "org_successors.csv";
    /** Longest successor chain followed before a cycle is assumed. */
    private static final int MAX_CHAIN = 20;

    private final Map<String, Organisation> byCode;
    private final Map<String, OrgSuccessor> successors;
    private final List<QuarantineEntry> quarantine;
    private final List<String> notes;

    private OrgReference(
            Map<String, Organisation> byCode,
            Map<String, OrgSuccessor> successors,
            List<QuarantineEntry> quarantine,
            List<String> notes) {
        this.byCode = byCode;
        this.successors = successors;
        this.quarantine = List.copyOf(quarantine);
        this.notes = List.copyOf(notes);
    }

    /**
     * Loads {@value #ODS_ETR_FILE}, {@value #SYSTEM_MAPPING_FILE} and, if present, {@value #SUCCESSORS_FILE} from
     * {@code dir} (e.g. {@code conf/reference}).
     */
    public static OrgReference load(Path dir) {
        ParseResult<Organisation> etr = OrgReferenceParser.parseOdsEtr(RawCsv.read(dir.resolve(ODS_ETR_FILE)));
        ParseResult<Organisation> map =
                OrgReferenceParser.parseSystemMapping(RawCsv.read(dir.resolve(SYSTEM_MAPPING_FILE)));
        Path succ = dir.resolve(SUCCESSORS_FILE);
        ParseResult<OrgSuccessor> successors =
                Files.exists(succ) ? OrgReferenceParser.parseSuccessors(RawCsv.read(succ)) : null;
        return of(etr, map, successors);
    }

    /**
     * Combines parsed reference files.
     *
     * @param etr ODS etr trusts
     * @param mapping System-Mapping providers
     * @param successors successor links, or null
     */
    public static OrgReference of(
            ParseResult<Organisation> etr, ParseResult<Organisation> mapping, ParseResult<OrgSuccessor> successors) {
        List<QuarantineEntry> q = new ArrayList<>(etr.quarantine());
        q.addAll(mapping.quarantine());
        List<String> notes = new ArrayList<>();
        Map<String, Organisation> etrByCode = new LinkedHashMap<>();
        etr.records().forEach(o -> etrByCode.put(o.code(), o));
        Map<String, String> regionName = new HashMap<>();
        Map<String, String> regionCode = new HashMap<>();
        for (Organisation m : mapping.records()) {
            Organisation t = etrByCode.get(m.code());
            if (t == null) {
                continue;
            }
            String prev = regionName.putIfAbsent(t.regionCode(), m.regionName());
            if (prev != null && !prev.equals(m.regionName())) {
                notes.add("region " + t.regionCode() + " is '" + prev + "' and '" + m.regionName() + "' (" + m.code()
                        + "); first kept");
            }
            regionCode.putIfAbsent(m.regionName(), t.regionCode());
        }
        Map<String, Organisation> all = new LinkedHashMap<>();
        Map<String, String> icbName = new HashMap<>();
        for (Organisation m : mapping.records()) {
            icbName.putIfAbsent(m.parentSystemCode(), m.systemName());
            if (!all.containsKey(m.parentSystemCode())) {
                all.put(
                        m.parentSystemCode(),
                        new Organisation(
                                m.parentSystemCode(),
                                m.systemName(),
                                Organisation.ICB,
                                null,
                                null,
                                regionCode.get(m.regionName()),
                                m.regionName(),
                                null,
                                null,
                                null));
            }
        }
        for (Organisation t : etr.records()) {
            all.put(
                    t.code(),
                    new Organisation(
                            t.code(),
                            t.name(),
                            t.level(),
                            t.parentSystemCode(),
                            icbName.get(t.parentSystemCode()),
                            t.regionCode(),
                            regionName.get(t.regionCode()),
                            t.openDate(),
                            t.closeDate(),
                            null));
        }
        for (Organisation m : mapping.records()) {
            Organisation t = etrByCode.get(m.code());
            if (t == null) {
                all.put(
                        m.code(),
                        new Organisation(
                                m.code(),
                                m.name(),
                                Organisation.PROVIDER,
                                m.parentSystemCode(),
                                m.systemName(),
                                regionCode.get(m.regionName()),
                                m.regionName(),
                                null,
                                null,
                                null));
            } else {
                all.put(
                        m.code(),
                        new Organisation(
                                t.code(),
                                t.name(),
                                t.level(),
                                m.parentSystemCode(),
                                m.systemName(),
                                t.regionCode(),
                                m.regionName(),
                                t.openDate(),
                                t.closeDate(),
                                null));
            }
        }
        Map<String, OrgSuccessor> succ = new HashMap<>();
        if (successors != null) {
            q.addAll(successors.quarantine());
            for (OrgSuccessor s : successors.records()) {
                succ.put(s.oldCode(), s);
                Organisation o = all.get(s.oldCode());
                if (o != null) {
                    all.put(s.oldCode(), o.withSuccessor(s.newCode()));
                } else {
                    notes.add("successor row " + s.rowNumber() + ": predecessor " + s.oldCode()
                            + " not in the reference");
                }
            }
        }
        return new OrgReference(all, succ, q, notes);
    }

    /** The organisation with {@code code}, or empty when the reference does not know it. */
    public Optional<Organisation> lookup(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /**
     * The code that reports {@code code}'s activity on {@code date}: follows successor links whose effective date
     * is on or before {@code date}; returns {@code code} itself when there is none (including unknown codes).
     *
     * @throws IllegalStateException the successor links form a cycle
     */
    public String currentCode(String code, LocalDate date) {
        String c = code;
        for (int i = 0; i < MAX_CHAIN; i++) {
            OrgSuccessor s = successors.get(c);
            if (s == null || s.effectiveDate().isAfter(date)) {
                return c;
            }
            c = s.newCode();
        }
        throw new IllegalStateException("successor links from " + code + " form a cycle or a chain over " + MAX_CHAIN);
    }

    /** Every organisation, in load order (ICBs, then trusts, then other providers). */
    public List<Organisation> all() {
        return List.copyOf(byCode.values());
    }

    /** Rows rejected from the reference files. */
    public List<QuarantineEntry> quarantine() {
        return quarantine;
    }

    /** Remarks made while combining the files. */
    public List<String> notes() {
        return notes;
    }
}
