package uk.lhs.common.sources.rttextract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.sources.rtt.RttBands;

/**
 * Incomplete pathways for one provider x treatment function, aggregated from the RTT full extract as NHS England
 * does for its Incomplete-Provider publication: the sum over commissioners of the {@code Part_2} rows, EXCLUDING
 * commissioner {@code NONC} (METHODOLOGY.md "RTT": this reproduces the provider file exactly for all 907
 * comparable pairs of June 2024, while including NONC overstates 369 of them).
 *
 * @param periodStart first day of the month
 * @param providerCode provider ODS code
 * @param providerName provider name
 * @param treatmentFunctionCode treatment function code ({@code C_999} = total)
 * @param treatmentFunctionName treatment function name
 * @param bands summed bands, as in {@link RttIncompleteProvider#bands()}; bands below {@code firstKnownBand} are 0
 *     because the file lacks their columns, not because nobody waited that long
 * @param firstKnownBand lowest band the file carries
 * @param total sum of {@code Total All}: total incomplete pathways
 * @param commissionerRows number of Part_2 commissioner rows summed
 * @param nonContractedRowsExcluded number of Part_2 {@code NONC} rows left out
 */
public record RttExtractIncomplete(
        LocalDate periodStart,
        String providerCode,
        String providerName,
        String treatmentFunctionCode,
        String treatmentFunctionName,
        long[] bands,
        int firstKnownBand,
        long total,
        int commissionerRows,
        int nonContractedRowsExcluded) {

    /** Total waiting more than {@code weeks} weeks (sum of bands from {@code weeks}), if the file carries them. */
    public java.util.OptionalLong waitingOver(int weeks) {
        if (weeks < firstKnownBand || weeks < 0 || weeks >= RttBands.COUNT) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(RttBands.sum(bands, weeks, RttBands.COUNT));
    }

    /**
     * Aggregates the typed extract rows to provider x treatment function (in order of first appearance).
     *
     * @param rows rows of one extract (all parts; only Part_2 is used)
     * @return one record per provider x function with at least one contracted (non-NONC) Part_2 row
     */
    public static List<RttExtractIncomplete> aggregate(List<RttExtractRow> rows) {
        Map<String, Acc> acc = new LinkedHashMap<>();
        for (RttExtractRow r : rows) {
            if (!RttExtractRow.PART_INCOMPLETE.equals(r.partType())) {
                continue;
            }
            Acc a = acc.computeIfAbsent(r.providerCode() + "|" + r.treatmentFunctionCode(), k -> new Acc(r));
            if (RttExtractRow.NON_CONTRACTED.equals(r.commissionerCode())) {
                a.nonc++;
                continue;
            }
            a.rows++;
            a.total += r.totalAll();
            for (int k = 0; k < RttBands.COUNT; k++) {
                a.bands[k] += r.bands()[k];
            }
        }
        List<RttExtractIncomplete> out = new ArrayList<>();
        for (Acc a : acc.values()) {
            if (a.rows == 0) {
                continue;
            }
            RttExtractRow f = a.first;
            out.add(new RttExtractIncomplete(
                    f.periodStart(),
                    f.providerCode(),
                    f.providerName(),
                    f.treatmentFunctionCode(),
                    f.treatmentFunctionName(),
                    a.bands,
                    f.firstKnownBand(),
                    a.total,
                    a.rows,
                    a.nonc));
        }
        return out;
    }

    /** Running sums for one key. */
    private static final class Acc {
        final RttExtractRow first;
        final long[] bands = new long[RttBands.COUNT];
        long total;
        int rows;
        int nonc;

        Acc(RttExtractRow first) {
            this.first = first;
        }
    }
}
