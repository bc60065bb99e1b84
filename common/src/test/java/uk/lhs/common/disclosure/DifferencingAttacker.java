package uk.lhs.common.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * An attacker holding only published cells (and the public organisation reference, as {@link Relation}s) who tries to
 * recover the counts of suppressed cells:
 *
 * <ol>
 *   <li>bounds from publication: a published count r stands for an integer that rounds to r, and a published count
 *       other than 0 is at least the threshold (1 to threshold − 1 would have been suppressed);
 *   <li>value inversion: where a published value cannot come from the published counts, it must come from the exact
 *       ones, and the attacker keeps only the counts in range that give that value exactly (n / d × multiplier for
 *       proportions and rates, n / expected × multiplier for ratios);
 *   <li>differencing: interval propagation to a fixed point over every additive relation (parent = Σ children, per
 *       count: hierarchy, strata) and, for proportions, denominator = numerator + complement.
 * </ol>
 *
 * <p>A suppressed cell is recovered when one of its non-zero counts ends with equal lower and upper bounds. Sound by
 * construction: every step only removes values the published figures rule out, which {@link #wrong()} checks against
 * the truth.
 */
public final class DifferencingAttacker {
    /** What the attacker sees of one cell. */
    public record Published(
            boolean suppressed,
            boolean proportion,
            boolean[] isCount,
            Double numerator,
            Double denominator,
            Double value,
            double multiplier,
            boolean ratio) {}

    private static final int N = 0;
    private static final int D = 1;
    private static final int M = 2;

    private final List<Published> cells;
    private final List<Relation> relations;
    private final Thresholds t;
    private final boolean complementProtected;
    private final double[][] lo;
    private final double[][] hi;
    private int inverted;

    /**
     * @param complementProtected whether the publisher's rule suppresses proportions whose complement is small (the
     *     attacker knows the rule: then a published complement is 0 or at least the threshold)
     */
    public DifferencingAttacker(
            List<Published> cells, List<Relation> relations, Thresholds t, boolean complementProtected) {
        this.cells = cells;
        this.relations = relations;
        this.t = t;
        this.complementProtected = complementProtected;
        lo = new double[cells.size()][3];
        hi = new double[cells.size()][3];
    }

    /** Runs every step; returns this. */
    public DifferencingAttacker attack() {
        for (int c = 0; c < cells.size(); c++) {
            Published p = cells.get(c);
            for (int k = 0; k < 3; k++) {
                lo[c][k] = 0;
                hi[c][k] = Double.POSITIVE_INFINITY;
            }
            if (!p.suppressed()) {
                fromPublished(c, N, p.numerator());
                fromPublished(c, D, p.ratio() ? null : p.denominator());
                if (p.proportion() && p.numerator() != null && p.denominator() != null) {
                    lo[c][M] = Math.max(0, lo[c][D] - hi[c][N]);
                    hi[c][M] = hi[c][D] - lo[c][N];
                    if (complementProtected && hi[c][M] < t.suppressBelow()) {
                        hi[c][M] = 0; // 1..T-1 without the event would have been suppressed
                    } else if (complementProtected && lo[c][M] > 0) {
                        lo[c][M] = Math.max(lo[c][M], t.suppressBelow());
                    }
                }
                invert(c, p);
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round < 200; round++) {
            changed = false;
            for (Relation r : relations) {
                for (int k = 0; k < 3; k++) {
                    if (cells.get(r.parent()).isCount()[k]) {
                        changed |= propagate(r, k);
                    }
                }
            }
            for (int c = 0; c < cells.size(); c++) {
                if (cells.get(c).proportion()) {
                    changed |= tighten(c, D, lo[c][N] + lo[c][M], hi[c][N] + hi[c][M]);
                    changed |= tighten(c, N, lo[c][D] - hi[c][M], hi[c][D] - lo[c][M]);
                    changed |= tighten(c, M, lo[c][D] - hi[c][N], hi[c][D] - lo[c][N]);
                }
            }
        }
        return this;
    }

    private void fromPublished(int c, int k, Double r) {
        if (r == null) {
            // A published row without the count has no data: it adds nothing to any sum.
            if (!cells.get(c).isCount()[k]) {
                return;
            }
            lo[c][k] = 0;
            hi[c][k] = cells.get(c).value() == null ? 0 : Double.POSITIVE_INFINITY;
            return;
        }
        if (r == 0) {
            lo[c][k] = 0;
            hi[c][k] = 0;
            return;
        }
        double half = t.roundTo() / 2.0;
        lo[c][k] = Math.max(t.suppressBelow(), Math.ceil(r - half));
        hi[c][k] = Math.ceil(r + half) - 1;
    }

    private void invert(int c, Published p) {
        if (p.value() == null || p.numerator() == null) {
            return;
        }
        double v = p.value();
        if (p.ratio()) {
            double e = p.denominator();
            if (matches(p.numerator() / e * p.multiplier(), v)) {
                return; // consistent with the published count: nothing more to learn
            }
            double n = Math.rint(v * e / p.multiplier());
            if (n >= lo[c][N] && n <= hi[c][N] && matches(n / e * p.multiplier(), v)) {
                lo[c][N] = n;
                hi[c][N] = n;
                inverted++;
            }
            return;
        }
        if (p.denominator() == null || !(p.isCount()[N] && p.isCount()[D])) {
            return;
        }
        if (matches(p.numerator() / p.denominator() * p.multiplier(), v)) {
            return;
        }
        double nLo = Double.POSITIVE_INFINITY;
        double nHi = Double.NEGATIVE_INFINITY;
        double dLo = Double.POSITIVE_INFINITY;
        double dHi = Double.NEGATIVE_INFINITY;
        for (double d = lo[c][D]; d <= hi[c][D]; d++) {
            for (double n = lo[c][N]; n <= Math.min(hi[c][N], p.proportion() ? d : hi[c][N]); n++) {
                if (matches(n / d * p.multiplier(), v)) {
                    nLo = Math.min(nLo, n);
                    nHi = Math.max(nHi, n);
                    dLo = Math.min(dLo, d);
                    dHi = Math.max(dHi, d);
                }
            }
        }
        if (nLo <= nHi) {
            lo[c][N] = nLo;
            hi[c][N] = nHi;
            lo[c][D] = dLo;
            hi[c][D] = dHi;
            if (p.proportion()) {
                lo[c][M] = Math.max(lo[c][M], dLo - nHi);
                hi[c][M] = Math.min(hi[c][M], dHi - nLo);
            }
            inverted++;
        }
    }

    private static boolean matches(double computed, double published) {
        return Math.abs(computed - published) <= 1e-9 * Math.max(1, Math.abs(published));
    }

    private boolean propagate(Relation r, int k) {
        int p = r.parent();
        int[] ch = r.children();
        double sumLo = 0;
        double sumHi = 0;
        for (int c : ch) {
            sumLo += lo[c][k];
            sumHi += hi[c][k];
        }
        boolean changed = tighten(p, k, sumLo, sumHi);
        for (int c : ch) {
            double othersLo = sumLo - lo[c][k];
            double othersHi = Double.isInfinite(hi[c][k]) ? otherHi(ch, c, k) : sumHi - hi[c][k];
            changed |= tighten(c, k, lo[p][k] - othersHi, hi[p][k] - othersLo);
        }
        return changed;
    }

    private double otherHi(int[] ch, int skip, int k) {
        double s = 0;
        for (int c : ch) {
            if (c != skip) {
                s += hi[c][k];
            }
        }
        return s;
    }

    private boolean tighten(int c, int k, double newLo, double newHi) {
        boolean changed = false;
        newLo = Math.ceil(newLo - 1e-9);
        newHi = Math.floor(newHi + 1e-9);
        if (newLo > lo[c][k]) {
            lo[c][k] = newLo;
            changed = true;
        }
        if (newHi < hi[c][k]) {
            hi[c][k] = newHi;
            changed = true;
        }
        return changed;
    }

    /** Published rows whose value could not come from their published counts, and were inverted. */
    public int inverted() {
        return inverted;
    }

    /**
     * The suppressed cells the attacker pinned to one value for a non-zero count.
     *
     * @param truth per cell, its exact counts (numerator, denominator, complement)
     */
    public List<Integer> recovered(double[][] truth) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            if (!cells.get(c).suppressed()) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                if (cells.get(c).isCount()[k] && lo[c][k] == hi[c][k] && truth[c][k] != 0) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    /** Cells where the truth lies outside the attacker's bounds: a bug in the attacker, never expected. */
    public List<Integer> wrong(double[][] truth) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            for (int k = 0; k < 3; k++) {
                if (cells.get(c).isCount()[k]
                        && !Double.isNaN(truth[c][k])
                        && (truth[c][k] < lo[c][k] || truth[c][k] > hi[c][k])) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    /** The attacker's bounds of one count of one cell, {lower, upper}. */
    public double[] bounds(int cell, int k) {
        return new double[] {lo[cell][k], hi[cell][k]};
    }
}
