package uk.lhs.common.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Least squares on the probability simplex: minimise ‖b − A·w‖² subject to w ≥ 0 and Σw = 1.
 *
 * <p>Method: a primal active-set method for convex quadratic programmes (Nocedal &amp; Wright, Numerical Optimization,
 * 2nd ed., Algorithm 16.3), the same scheme as Lawson &amp; Hanson's NNLS (1974, ch. 23) with the equality constraint
 * kept in every subproblem. Each subproblem (free set F, Σw_F = 1) is solved exactly from its KKT system by SVD
 * (minimum-norm solution when donors are collinear). The result is exact up to rounding and deterministic: ties are
 * broken by the lowest column index.
 */
public final class SimplexLeastSquares {
    private SimplexLeastSquares() {}

    private static final double RELATIVE_TOLERANCE = 1e-12;

    /**
     * Solves the problem.
     *
     * @param a n × J matrix, one column per donor
     * @param b target, length n
     * @return the J weights (non-negative, summing to 1)
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        int j = a[0].length;
        double[][] h = new double[j][j];
        double[] c = new double[j];
        double scale = 0;
        for (int p = 0; p < j; p++) {
            for (int q = 0; q < j; q++) {
                for (int i = 0; i < n; i++) {
                    h[p][q] += a[i][p] * a[i][q];
                }
                scale = Math.max(scale, Math.abs(h[p][q]));
            }
            for (int i = 0; i < n; i++) {
                c[p] += a[i][p] * b[i];
            }
        }
        double tol = RELATIVE_TOLERANCE * Math.max(scale, 1);
        // Start from the single best donor: the vertex with the smallest residual sum of squares.
        double[] w = new double[j];
        int best = 0;
        double bestObj = Double.POSITIVE_INFINITY;
        for (int p = 0; p < j; p++) {
            double obj = 0.5 * h[p][p] - c[p];
            if (obj < bestObj - tol) {
                bestObj = obj;
                best = p;
            }
        }
        w[best] = 1;
        boolean[] free = new boolean[j];
        free[best] = true;
        int maxIterations = 50 * (j + 1);
        for (int iter = 0; iter < maxIterations; iter++) {
            // Gradient g = Hw − c; the multiplier of Σw = 1 is −mean(g_F); reduced costs g_p + μ must be ≥ 0 off F.
            double[] g = gradient(h, c, w);
            double mu = 0;
            int nFree = 0;
            for (int p = 0; p < j; p++) {
                if (free[p]) {
                    mu -= g[p];
                    nFree++;
                }
            }
            mu /= nFree;
            int enter = -1;
            double most = -tol;
            for (int p = 0; p < j; p++) {
                if (!free[p] && g[p] + mu < most) {
                    most = g[p] + mu;
                    enter = p;
                }
            }
            if (enter < 0) {
                return w;
            }
            free[enter] = true;
            // Inner loop: move towards the equality-constrained optimum on F, dropping weights that would go negative.
            while (true) {
                double[] z = subproblem(h, c, free);
                boolean feasible = true;
                for (int p = 0; p < j; p++) {
                    if (free[p] && z[p] <= 0) {
                        feasible = false;
                    }
                }
                if (feasible) {
                    w = z;
                    break;
                }
                double step = 1;
                for (int p = 0; p < j; p++) {
                    if (free[p] && z[p] <= 0) {
                        double denom = w[p] - z[p];
                        step = Math.min(step, denom > 0 ? w[p] / denom : 0);
                    }
                }
                for (int p = 0; p < j; p++) {
                    if (free[p]) {
                        w[p] += step * (z[p] - w[p]);
                        if (w[p] <= RELATIVE_TOLERANCE) {
                            w[p] = 0;
                            free[p] = false;
                        }
                    }
                }
                renormalise(w);
            }
        }
        throw new IllegalStateException("simplex least squares did not converge in " + maxIterations + " iterations");
    }

    private static double[] gradient(double[][] h, double[] c, double[] w) {
        double[] g = new double[c.length];
        for (int p = 0; p < c.length; p++) {
            for (int q = 0; q < c.length; q++) {
                g[p] += h[p][q] * w[q];
            }
            g[p] -= c[p];
        }
        return g;
    }

    /** argmin ½z'Hz − c'z over z_F with Σz_F = 1 and z = 0 off F, from the KKT system [H_FF 1; 1' 0]. */
    private static double[] subproblem(double[][] h, double[] c, boolean[] free) {
        List<Integer> idx = new ArrayList<>();
        for (int p = 0; p < free.length; p++) {
            if (free[p]) {
                idx.add(p);
            }
        }
        int m = idx.size();
        double[][] kkt = new double[m + 1][m + 1];
        double[] rhs = new double[m + 1];
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < m; s++) {
                kkt[r][s] = h[idx.get(r)][idx.get(s)];
            }
            kkt[r][m] = 1;
            kkt[m][r] = 1;
            rhs[r] = c[idx.get(r)];
        }
        rhs[m] = 1;
        RealVector sol = new SingularValueDecomposition(new Array2DRowRealMatrix(kkt, false))
                .getSolver()
                .solve(new ArrayRealVector(rhs, false));
        double[] z = new double[free.length];
        for (int r = 0; r < m; r++) {
            z[idx.get(r)] = sol.getEntry(r);
        }
        return z;
    }

    private static void renormalise(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        for (int p = 0; p < w.length; p++) {
            w[p] /= s;
        }
    }
}
