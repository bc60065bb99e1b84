package uk.lhs.common.sources.aemonthly;

import java.time.LocalDate;

/**
 * One provider-month of the MSitAE monthly provider CSV, typed (or the national TOTAL control row, whose
 * {@code orgCode} is {@link AeMonthlyProviderParser#TOTAL_CODE} and whose period is taken from the file).
 *
 * @param file source file name
 * @param rowNumber 1-based physical line in the file
 * @param period the period as published, e.g. {@code MSitAE-APRIL-2024}
 * @param periodStart first day of the month, e.g. 2024-04-01
 * @param orgCode ODS code of the provider
 * @param parentOrg NHS England region as published (trailing spaces trimmed)
 * @param orgName provider name
 * @param attType1 A&E attendances type 1 (excluding booked appointments)
 * @param attType2 A&E attendances type 2
 * @param attOther A&E attendances other A&E department (types 3 and 4)
 * @param attBookedType1 booked-appointment attendances type 1
 * @param attBookedType2 booked-appointment attendances type 2
 * @param attBookedOther booked-appointment attendances other department
 * @param over4hType1 attendances over 4 hours type 1
 * @param over4hType2 attendances over 4 hours type 2
 * @param over4hOther attendances over 4 hours other department
 * @param over4hBookedType1 booked attendances over 4 hours type 1
 * @param over4hBookedType2 booked attendances over 4 hours type 2
 * @param over4hBookedOther booked attendances over 4 hours other department
 * @param dta4to12h patients who waited 4-12 hours from decision to admit to admission
 * @param dtaOver12h patients who waited over 12 hours from decision to admit to admission
 * @param emergencyAdmType1 emergency admissions via type 1 A&E
 * @param emergencyAdmType2 emergency admissions via type 2 A&E
 * @param emergencyAdmOther emergency admissions via other A&E departments
 * @param emergencyAdmNotViaAe other emergency admissions (not via A&E)
 * @param rawValues the row's fields as read (bronze)
 */
public record AeProviderMonth(
        String file,
        int rowNumber,
        String period,
        LocalDate periodStart,
        String orgCode,
        String parentOrg,
        String orgName,
        long attType1,
        long attType2,
        long attOther,
        long attBookedType1,
        long attBookedType2,
        long attBookedOther,
        long over4hType1,
        long over4hType2,
        long over4hOther,
        long over4hBookedType1,
        long over4hBookedType2,
        long over4hBookedOther,
        long dta4to12h,
        long dtaOver12h,
        long emergencyAdmType1,
        long emergencyAdmType2,
        long emergencyAdmOther,
        long emergencyAdmNotViaAe,
        String[] rawValues) {

    /** Builds a record from the 18 counts in {@link AeMeasure} order. */
    public static AeProviderMonth of(
            String file,
            int rowNumber,
            String period,
            LocalDate periodStart,
            String orgCode,
            String parentOrg,
            String orgName,
            long[] c,
            String[] rawValues) {
        return new AeProviderMonth(
                file,
                rowNumber,
                period,
                periodStart,
                orgCode,
                parentOrg,
                orgName,
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6],
                c[7],
                c[8],
                c[9],
                c[10],
                c[11],
                c[12],
                c[13],
                c[14],
                c[15],
                c[16],
                c[17],
                rawValues);
    }

    /** Whether this is the national TOTAL control row. */
    public boolean isTotal() {
        return AeMonthlyProviderParser.TOTAL_CODE.equals(orgCode);
    }
}
