package uk.lhs.common.sources.rtt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.lhs.common.sources.Dataset;

/**
 * The RTT weekly waiting-time bands. Band {@code k} (0 <= k < 104) is "more than k and up to k+1 weeks"
 * ({@code >k-k+1} in the Incomplete-Provider file, {@code Gt kk To kk+1 Weeks SUM 1} in the full extract); band
 * {@link #BAND_104_PLUS} is "104 plus" / {@code Gt 104 Weeks SUM 1}. Source: RTT Incomplete-Provider and full
 * extract CSVs (/work/shared/data, METHODOLOGY.md "RTT").
 */
public final class RttBands {
    /** Number of bands: 104 one-week bands plus "104 plus". */
    public static final int COUNT = 105;
    /** Index of the open-ended "104 plus" band. */
    public static final int BAND_104_PLUS = 104;
    /** Bands counted as "within 18 weeks" (>0-1 .. >17-18), per the RTT operational standard. */
    public static final int WITHIN_18_WEEKS = 18;

    private static final Pattern EXTRACT_BAND = Pattern.compile("gt (\\d+) to (\\d+) weeks sum 1");
    private static final Pattern EXTRACT_OPEN = Pattern.compile("gt (\\d+) weeks sum 1");

    private RttBands() {}

    /** Header of band {@code k} in the Incomplete-Provider file. */
    public static String incompleteProviderHeader(int k) {
        return k == BAND_104_PLUS ? "104 plus" : ">" + k + "-" + (k + 1);
    }

    /** Header of band {@code k} in the full extract (two-digit zero padding as NHS England publishes it). */
    public static String fullExtractHeader(int k) {
        return k == BAND_104_PLUS ? "Gt 104 Weeks SUM 1" : String.format("Gt %02d To %02d Weeks SUM 1", k, k + 1);
    }

    /**
     * The band a full-extract column header denotes, accepting any zero padding, or -1 when it is not a band column.
     */
    public static int fullExtractBand(String header) {
        String h = Dataset.normalise(header);
        Matcher m = EXTRACT_BAND.matcher(h);
        if (m.matches()) {
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            return to == from + 1 && from < BAND_104_PLUS ? from : -1;
        }
        Matcher o = EXTRACT_OPEN.matcher(h);
        return o.matches() && Integer.parseInt(o.group(1)) == BAND_104_PLUS ? BAND_104_PLUS : -1;
    }

    /** The Incomplete-Provider band headers, in order. */
    public static List<String> incompleteProviderHeaders() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < COUNT; k++) {
            out.add(incompleteProviderHeader(k));
        }
        return List.copyOf(out);
    }

    /** The full extract's band headers, in order. */
    public static List<String> fullExtractHeaders() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < COUNT; k++) {
            out.add(fullExtractHeader(k));
        }
        return List.copyOf(out);
    }

    /** Sum of bands {@code from} (inclusive) to {@code to} (exclusive). */
    public static long sum(long[] bands, int from, int to) {
        long s = 0;
        for (int k = from; k < to; k++) {
            s += bands[k];
        }
        return s;
    }
}
