package uk.lhs.common.spells;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Code lists of the NHS Outcomes Framework 3b / I02040 readmissions specification v5.0 (October 2024, pages 7-12 and
 * Appendix A; /work/shared/data/methodology) and the HES APC data dictionary values used to validate spells.
 */
public final class SpellCodes {
    private SpellCodes() {}

    /** Valid ADMIMETH values (HES APC data dictionary); the denominator accepts exactly these but 98/99 (spec p7). */
    public static final List<String> ADMISSION_METHODS = List.of(
            "11", "12", "13", "21", "22", "23", "24", "25", "28", "2A", "2B", "2C", "2D", "31", "32", "81", "82", "83",
            "84", "89", "98", "99");
    /** Denominator ADMIMETH list (spec p7, field 3). */
    public static final List<String> DENOMINATOR_ADMISSION_METHODS = List.of(
            "11", "12", "13", "21", "22", "23", "24", "25", "28", "2A", "2B", "2C", "2D", "31", "32", "81", "82", "83",
            "84", "89");
    /** Emergency admission methods counted as readmissions (spec p11, numerator field 2). */
    public static final List<String> EMERGENCY_METHODS =
            List.of("21", "22", "23", "24", "25", "28", "2A", "2B", "2C", "2D");
    /** DISMETH of denominator spells: 1 clinical advice, 3 mental health review tribunal (spec p7, field 2). */
    public static final List<String> DENOMINATOR_DISCHARGE_METHODS = List.of("1", "3");
    /** Valid CLASSPAT values (HES APC data dictionary). */
    public static final List<String> PATIENT_CLASSES = List.of("1", "2", "3", "4", "5", "8", "9");
    /** Valid DISMETH values (HES APC data dictionary). */
    public static final List<String> DISCHARGE_METHODS = List.of("1", "2", "3", "4", "5", "8", "9");
    /** Valid SEX values (HES APC data dictionary); the specification counts 1 and 2 only (p8, field 11). */
    public static final List<String> SEXES = List.of("0", "1", "2", "9");
    /** Obstetric treatment functions: obstetrics, midwifery, maternity (spec p8, field 14). */
    public static final List<String> OBSTETRIC_TRETSPEF = List.of("501", "560", "610");
    /** Mental health treatment functions (spec Appendix A). */
    public static final List<String> MENTAL_HEALTH_TRETSPEF = List.of(
            "656", "700", "710", "711", "712", "713", "715", "720", "721", "722", "723", "724", "725", "726", "727",
            "730");
    /** Medical specialties of the 3-step case-mix allocation (spec p10). */
    public static final List<String> MEDICAL_TRETSPEF = List.of(
            "190", "192", "223", "242", "250", "251", "252", "253", "254", "255", "256", "257", "258", "259", "260",
            "261", "262", "263", "264", "270", "300", "301", "302", "303", "304", "305", "306", "307", "308", "309",
            "310", "311", "313", "314", "315", "316", "317", "318", "319", "320", "321", "322", "323", "324", "325",
            "326", "327", "328", "329", "330", "331", "335", "340", "341", "342", "343", "344", "345", "346", "347",
            "348", "350", "352", "360", "361", "370", "371", "400", "401", "410", "420", "421", "422", "424", "430",
            "431", "450", "451", "460", "501", "502", "503", "505", "510", "520", "560", "610", "620");
    /** Surgical specialties of the 3-step case-mix allocation (spec p10). */
    public static final List<String> SURGICAL_TRETSPEF = List.of(
            "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "110", "111", "113", "115", "120",
            "130", "140", "141", "142", "143", "144", "145", "146", "147", "148", "149", "150", "160", "161", "170",
            "171", "172", "173", "174", "180", "191", "211", "212", "213", "214", "215", "216", "217", "218", "219",
            "220", "221", "222", "241");
    /** The codes of {@link #CANCER_DIAGNOSIS_REGEX} without its anchor, to find one inside a list of diagnoses. */
    public static final String CANCER_CODES = "(C[0-8][0-9]|C9[0-7]|D3[7-9]|D4[0-8]|Z511)";
    /**
     * Any mention of cancer (ICD-10 C00-C97, D37-D48) or chemotherapy for cancer (Z51.1) excludes a spell (spec p8,
     * field 13), as a regular expression on a 4-character diagnosis.
     */
    public static final String CANCER_DIAGNOSIS_REGEX = "^" + CANCER_CODES;
    /** Highest age in years the specification accepts (p8, field 9). */
    public static final int MAX_AGE_YEARS = 120;
    /** HES STARTAGE codes for infants under one year (p8, field 9: 7001-7007 are read as age 0). */
    public static final int INFANT_AGE_FIRST = 7001;
    /** Last HES STARTAGE infant code. */
    public static final int INFANT_AGE_LAST = 7007;
    /** Readmission window: admission 0-29 days (inclusive) after the previous discharge (spec p12). */
    public static final int READMISSION_MAX_DAYS = 29;
    /** Long stay threshold in days for {@code los_21plus} (NHS England long-stay metric: 21 days or more). */
    public static final int LONG_STAY_DAYS = 21;

    /** The codes as a SQL IN-list body: {@code '1', '3'}. */
    public static String sqlList(List<String> codes) {
        return codes.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    }
}
