package uk.lhs.common.sources;

import java.util.regex.Pattern;

/**
 * Well-formedness of organisation codes. ODS codes in the real files are 3 characters (NHS trusts, ICBs, e.g.
 * {@code RRF}, {@code QHG}), 5 (sites and independent-sector providers, e.g. {@code 8J094}, {@code A4M8P}) or 6 (GP
 * practices and their walk-in centres, e.g. {@code C83023}, {@code Y02428} in the Monthly-AE files and
 * System-Mapping), and {@code NONC} (4, "non-contracted") in the RTT full extract. Hence the pattern:
 * 3 to 6 upper-case letters or digits, nothing else (no spaces, no lower case).
 */
public final class OrgCodes {
    /** {@value}: 3-6 upper-case alphanumerics, as observed in every real file in /work/shared/data. */
    public static final String PATTERN = "[A-Z0-9]{3,6}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private OrgCodes() {}

    /** Whether {@code code} (exactly as given, untrimmed) is a well-formed ODS code. */
    public static boolean isWellFormed(String code) {
        return code != null && COMPILED.matcher(code).matches();
    }
}
