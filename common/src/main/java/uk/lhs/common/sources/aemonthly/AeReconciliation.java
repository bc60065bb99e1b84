package uk.lhs.common.sources.aemonthly;

import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.sources.ParseResult;

/**
 * Reconciles an A&E month: for every count column, the national TOTAL row must equal the sum over the accepted
 * provider rows. NHS England's England figure is the sum over all providers (METHODOLOGY.md "A&E", verified on
 * every month of the shared files), so any difference means a row was lost, duplicated or altered.
 *
 * @param file the source file
 * @param hasTotal whether the file had a usable TOTAL row
 * @param mismatches one entry per column whose sum differs from the TOTAL row (empty when reconciled)
 */
public record AeReconciliation(String file, boolean hasTotal, List<Mismatch> mismatches) {

    public AeReconciliation {
        mismatches = List.copyOf(mismatches);
    }

    /**
     * A column that does not reconcile.
     *
     * @param measure the column
     * @param published the TOTAL row's value
     * @param sumOfRows the sum over accepted provider rows
     */
    public record Mismatch(AeMeasure measure, long published, long sumOfRows) {}

    /** True when there is a TOTAL row and every column matches it. */
    public boolean reconciled() {
        return hasTotal && mismatches.isEmpty();
    }

    /** Compares the TOTAL control of {@code result} with the column sums of its records. */
    public static AeReconciliation reconcile(ParseResult<AeProviderMonth> result) {
        if (result.controls().isEmpty()) {
            return new AeReconciliation(result.file(), false, List.of());
        }
        AeProviderMonth total = result.controls().get(0);
        List<Mismatch> out = new ArrayList<>();
        for (AeMeasure m : AeMeasure.values()) {
            long sum = 0;
            for (AeProviderMonth r : result.records()) {
                sum += m.of(r);
            }
            if (sum != m.of(total)) {
                out.add(new Mismatch(m, m.of(total), sum));
            }
        }
        return new AeReconciliation(result.file(), true, out);
    }
}
