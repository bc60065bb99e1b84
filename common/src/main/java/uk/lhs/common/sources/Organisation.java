package uk.lhs.common.sources;

import java.time.LocalDate;

/**
 * An organisation of the reference: NHS trust, other A&E provider (site, independent sector, GP-led centre), or
 * ICB (integrated care board, the "system").
 *
 * @param code ODS code
 * @param name name as published
 * @param level {@link #TRUST}, {@link #PROVIDER} or {@link #ICB}
 * @param parentSystemCode ICB code: NHS England's A&E System-Mapping attribution where given, else the ODS ICB;
 *     null for an ICB
 * @param systemName ICB name, where known
 * @param regionCode NHS England region code (Y56-Y63), where known
 * @param regionName NHS England region name, e.g. "London Commissioning Region", where known
 * @param openDate ODS open date, where known
 * @param closeDate ODS close date, or null while open
 * @param successorCode code of the organisation that took over this one (org_successors.csv), or null
 */
public record Organisation(
        String code,
        String name,
        String level,
        String parentSystemCode,
        String systemName,
        String regionCode,
        String regionName,
        LocalDate openDate,
        LocalDate closeDate,
        String successorCode) {

    /** Level of an NHS trust listed in the ODS etr file. */
    public static final String TRUST = "TRUST";
    /** Level of an A&E provider that is not an NHS trust in the ODS etr file (only in the System-Mapping). */
    public static final String PROVIDER = "PROVIDER";
    /** Level of an integrated care board. */
    public static final String ICB = "ICB";

    /** A copy with the successor set. */
    public Organisation withSuccessor(String successor) {
        return new Organisation(
                code,
                name,
                level,
                parentSystemCode,
                systemName,
                regionCode,
                regionName,
                openDate,
                closeDate,
                successor);
    }
}
