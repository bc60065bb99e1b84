package uk.lhs.common.sources.aemonthly;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The 18 count columns of the MSitAE monthly provider CSV, in file order, with their published header text and
 * (for the over-4-hours counts) the attendance count they are a part of. Source: the Monthly-AE provider files,
 * Apr 2024 - Mar 2025 (/work/shared/data/ae_monthly_provider).
 */
public enum AeMeasure {
    ATT_TYPE1("A&E attendances Type 1", AeProviderMonth::attType1, null),
    ATT_TYPE2("A&E attendances Type 2", AeProviderMonth::attType2, null),
    ATT_OTHER("A&E attendances Other A&E Department", AeProviderMonth::attOther, null),
    ATT_BOOKED_TYPE1("A&E attendances Booked Appointments Type 1", AeProviderMonth::attBookedType1, null),
    ATT_BOOKED_TYPE2("A&E attendances Booked Appointments Type 2", AeProviderMonth::attBookedType2, null),
    ATT_BOOKED_OTHER("A&E attendances Booked Appointments Other Department", AeProviderMonth::attBookedOther, null),
    OVER4_TYPE1("Attendances over 4hrs Type 1", AeProviderMonth::over4hType1, ATT_TYPE1),
    OVER4_TYPE2("Attendances over 4hrs Type 2", AeProviderMonth::over4hType2, ATT_TYPE2),
    OVER4_OTHER("Attendances over 4hrs Other Department", AeProviderMonth::over4hOther, ATT_OTHER),
    OVER4_BOOKED_TYPE1(
            "Attendances over 4hrs Booked Appointments Type 1", AeProviderMonth::over4hBookedType1, ATT_BOOKED_TYPE1),
    OVER4_BOOKED_TYPE2(
            "Attendances over 4hrs Booked Appointments Type 2", AeProviderMonth::over4hBookedType2, ATT_BOOKED_TYPE2),
    OVER4_BOOKED_OTHER(
            "Attendances over 4hrs Booked Appointments Other Department",
            AeProviderMonth::over4hBookedOther,
            ATT_BOOKED_OTHER),
    DTA_4_TO_12H("Patients who have waited 4-12 hs from DTA to admission", AeProviderMonth::dta4to12h, null),
    DTA_OVER_12H("Patients who have waited 12+ hrs from DTA to admission", AeProviderMonth::dtaOver12h, null),
    EMERG_ADM_TYPE1("Emergency admissions via A&E - Type 1", AeProviderMonth::emergencyAdmType1, null),
    EMERG_ADM_TYPE2("Emergency admissions via A&E - Type 2", AeProviderMonth::emergencyAdmType2, null),
    EMERG_ADM_OTHER("Emergency admissions via A&E - Other A&E department", AeProviderMonth::emergencyAdmOther, null),
    EMERG_ADM_NOT_VIA_AE("Other emergency admissions", AeProviderMonth::emergencyAdmNotViaAe, null);

    private final String header;
    private final ToLongFunction<AeProviderMonth> getter;
    private final AeMeasure partOf;

    AeMeasure(String header, ToLongFunction<AeProviderMonth> getter, AeMeasure partOf) {
        this.header = header;
        this.getter = getter;
        this.partOf = partOf;
    }

    /** The column's header text as published. */
    public String header() {
        return header;
    }

    /** This measure's value in a record. */
    public long of(AeProviderMonth row) {
        return getter.applyAsLong(row);
    }

    /** The count this one is a subset of (over-4h of attendances of the same type), or null. */
    public AeMeasure partOf() {
        return partOf;
    }

    /**
     * The silver.ae_monthly column holding this measure, e.g. {@code over4_booked_type1}; the contract
     * ({@code IngestTables.AE_MONTHLY_COUNTS}) lists the same names in the same order (checked by a unit test).
     */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every measure's published header, in file order. */
    public static List<String> headers() {
        return Arrays.stream(values()).map(AeMeasure::header).toList();
    }
}
