package uk.lhs.common.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Primary and secondary (complementary) suppression of small counts over additive relations.
 *
 * <p>Primary: a cell is suppressed when any of its counts is small ({@link Thresholds#small}); for a proportion the
 * caller passes the complement {@code denominator − numerator} as a count too, so a share of 1–7 patients without the
 * event is suppressed like 1–7 with it.
 *
 * <p>Secondary (ONS, "Disclosure control guidance for tables produced from administrative data": differencing; the
 * classic rule of at least two suppressed cells per linear relation, Cox 1980 "Suppression methodology and
 * statistical disclosure control"): in every relation {@code parent = Σ children}, after suppression
 * <ul>
 *   <li>no relation has exactly one suppressed cell, and
 *   <li>while the parent is published, the suppressed children's total of each count is 0 or at least the threshold
 *       (so subtraction reveals no small total either).
 * </ul>
 * A relation that breaks either rule gets one more suppressed cell: the published child with the smallest positive
 * count (the count that breaks the rule, else the cell's size), ties to the lower index; if no child qualifies, the
 * parent. Relations are rechecked whenever one of their cells is suppressed, until none breaks a rule. Callers sort
 * the cells by key first, so the result does not depend on the order Spark delivered them in.
 */
public final class SecondarySuppression {
    private SecondarySuppression() {}

    /** Which cells are suppressed, and why. */
    public record Result(BitSet primary, BitSet secondary) {
        /** Whether a cell is suppressed for either reason. */
        public boolean suppressed(int cell) {
            return primary.get(cell) || secondary.get(cell);
        }

        /** Every suppressed cell. */
        public BitSet all() {
            BitSet all = (BitSet) primary.clone();
            all.or(secondary);
            return all;
        }
    }

    /**
     * Suppresses.
     *
     * @param counts per cell, its counts (e.g. numerator, denominator, complement); NaN for a value that is not a count
     *     (an expected count) and for a cell without data (which then adds 0 to sums)
     * @param size per cell, the count that decides which sibling is suppressed next (e.g. its denominator)
     * @param relations the additive relations between cells
     */
    public static Result suppress(double[][] counts, double[] size, List<Relation> relations, Thresholds t) {
        int n = counts.length;
        BitSet primary = new BitSet(n);
        for (int c = 0; c < n; c++) {
            for (double x : counts[c]) {
                if (t.small(x)) {
                    primary.set(c);
                    break;
                }
            }
        }
        BitSet suppressed = (BitSet) primary.clone();
        List<List<Integer>> relationsOf = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            relationsOf.add(new ArrayList<>(2));
        }
        for (int r = 0; r < relations.size(); r++) {
            Relation rel = relations.get(r);
            relationsOf.get(rel.parent()).add(r);
            for (int i = 0; i < rel.size(); i++) {
                relationsOf.get(rel.child(i)).add(r);
            }
        }
        Deque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[relations.size()];
        for (int r = 0; r < relations.size(); r++) {
            work.add(r);
            queued[r] = true;
        }
        while (!work.isEmpty()) {
            int r = work.poll();
            queued[r] = false;
            int added = nextToSuppress(relations.get(r), counts, size, suppressed, t);
            if (added >= 0) {
                suppressed.set(added);
                for (int other : relationsOf.get(added)) {
                    if (!queued[other]) {
                        queued[other] = true;
                        work.add(other);
                    }
                }
            }
        }
        BitSet secondary = (BitSet) suppressed.clone();
        secondary.andNot(primary);
        return new Result(primary, secondary);
    }

    /** The cell to suppress next to protect a relation, or −1 when it is protected. */
    static int nextToSuppress(Relation rel, double[][] counts, double[] size, BitSet suppressed, Thresholds t) {
        int hidden = suppressed.get(rel.parent()) ? 1 : 0;
        for (int i = 0; i < rel.size(); i++) {
            if (suppressed.get(rel.child(i))) {
                hidden++;
            }
        }
        if (hidden == 0) {
            return -1;
        }
        if (hidden == 1) {
            return smallestPublishedChild(rel, counts, size, -1, suppressed, rel.parent());
        }
        if (suppressed.get(rel.parent())) {
            return -1;
        }
        int components = counts[rel.parent()].length;
        for (int k = 0; k < components; k++) {
            double total = 0;
            boolean isCount = false;
            for (int i = 0; i < rel.size(); i++) {
                int c = rel.child(i);
                double x = counts[c][k];
                if (suppressed.get(c) && !Double.isNaN(x)) {
                    total += x;
                    isCount = true;
                }
            }
            if (isCount && t.small(total)) {
                int next = smallestPublishedChild(rel, counts, size, k, suppressed, -1);
                return next >= 0 ? next : smallestPublishedChild(rel, counts, size, -1, suppressed, rel.parent());
            }
        }
        return -1;
    }

    /**
     * The published child with the smallest positive count {@code k} (its size when k is −1), ties to the lower index;
     * else {@code fallback} if it is published; else −1.
     */
    private static int smallestPublishedChild(
            Relation rel, double[][] counts, double[] size, int k, BitSet suppressed, int fallback) {
        int best = -1;
        double bestX = Double.NaN;
        for (int i = 0; i < rel.size(); i++) {
            int c = rel.child(i);
            double x = k < 0 ? size[c] : counts[c][k];
            if (suppressed.get(c) || Double.isNaN(x) || x <= 0) {
                continue;
            }
            if (best < 0 || x < bestX || (x == bestX && c < best)) {
                best = c;
                bestX = x;
            }
        }
        if (best >= 0) {
            return best;
        }
        return fallback >= 0 && !suppressed.get(fallback) ? fallback : -1;
    }
}
