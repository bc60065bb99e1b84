package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the simplex-constrained least squares against exact solutions, a brute-force grid and the KKT conditions. */
class SimplexLeastSquaresTest {

    private static double objective(double[][] a, double[] b, double[] w) {
        double ss = 0;
        for (int i = 0; i < b.length; i++) {
            double r = b[i];
            for (int j = 0; j < w.length; j++) {
                r -= a[i][j] * w[j];
            }
            ss += r * r;
        }
        return ss;
    }

    @Test
    void recoversAConvexCombinationExactly() {
        Random rnd = new Random(1);
        double[][] a = new double[20][4];
        double[] truth = {0.1, 0.0, 0.6, 0.3};
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = rnd.nextGaussian();
                b[i] += truth[j] * a[i][j];
            }
        }
        assertArrayEquals(truth, SimplexLeastSquares.solve(a, b), 1e-10);
    }

    @Test
    void targetOutsideTheHullGoesToTheNearestVertex() {
        double[][] a = {{1, 2}, {1, 2}, {1, 2}};
        double[] b = {5, 5, 5};
        assertArrayEquals(new double[] {0, 1}, SimplexLeastSquares.solve(a, b), 1e-12);
    }

    @Test
    void matchesABruteForceGridWithThreeDonors() {
        Random rnd = new Random(7);
        for (int rep = 0; rep < 20; rep++) {
            double[][] a = new double[12][3];
            double[] b = new double[12];
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 3; j++) {
                    a[i][j] = rnd.nextGaussian();
                }
                b[i] = rnd.nextGaussian();
            }
            double[] w = SimplexLeastSquares.solve(a, b);
            double best = Double.POSITIVE_INFINITY;
            int steps = 400;
            for (int p = 0; p <= steps; p++) {
                for (int q = 0; p + q <= steps; q++) {
                    double[] g = {p / (double) steps, q / (double) steps, (steps - p - q) / (double) steps};
                    best = Math.min(best, objective(a, b, g));
                }
            }
            assertEquals(1, w[0] + w[1] + w[2], 1e-12);
            assertTrue(objective(a, b, w) <= best + 1e-12, "no grid point beats the solution");
        }
    }

    @Test
    void satisfiesKktConditionsWithManyCollinearDonors() {
        Random rnd = new Random(11);
        int n = 10;
        int j = 15;
        double[][] a = new double[n][j];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < j; d++) {
                a[i][d] = rnd.nextGaussian() + (d == 14 ? a[i][0] : 0);
            }
            b[i] = 0.5 * rnd.nextGaussian();
        }
        double[] w = SimplexLeastSquares.solve(a, b);
        double sum = 0;
        double[] grad = new double[j];
        for (int d = 0; d < j; d++) {
            assertTrue(w[d] >= 0);
            sum += w[d];
            for (int i = 0; i < n; i++) {
                double r = -b[i];
                for (int e = 0; e < j; e++) {
                    r += a[i][e] * w[e];
                }
                grad[d] += a[i][d] * r;
            }
        }
        assertEquals(1, sum, 1e-12);
        // KKT: the gradient is equal (= −μ) on the support and no smaller off it.
        double mu = Double.NaN;
        for (int d = 0; d < j; d++) {
            if (w[d] > 1e-9) {
                if (Double.isNaN(mu)) {
                    mu = grad[d];
                }
                assertEquals(mu, grad[d], 1e-8, "gradient equal on the support");
            }
        }
        for (int d = 0; d < j; d++) {
            assertTrue(grad[d] >= mu - 1e-8, "no descent direction off the support");
        }
    }
}
