package uk.lhs.common.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Binomial logistic regression on grouped data (y events out of n trials per row), fitted by Newton-Raphson, which
 * for the canonical logit link is iteratively reweighted least squares (McCullagh and Nelder 1989, Generalized Linear
 * Models, 2nd ed., section 4.4), with an optional ridge (L2) penalty on every coefficient except the intercept (le
 * Cessie and van Houwelingen 1992, "Ridge estimators in logistic regression", Appl. Statist. 41:191-201): it maximises
 * {@code l(beta) - lambda/2 * sum_{j>0} beta_j^2}.
 *
 * <p>The design is sparse (a row has a handful of non-zero columns: the intercept and one dummy per factor), so
 * {@code X'WX} costs O(rows x nonzeros^2) and the p x p solve (Commons Math Cholesky, QR when not positive definite)
 * dominates. A Hessian that is singular (an unpenalised separated fit whose weights underflowed) ends the fit, not
 * converged. A step that lowers the penalised log-likelihood is halved (at most 30 times). Sums run in row order,
 * so the same rows in the same order give the same bits.
 */
public final class GroupedLogistic {
    private GroupedLogistic() {}

    /**
     * The data: per row the non-zero columns of the design ({@code index}, {@code value}; column 0 is the intercept
     * and must be present in every row with value 1), events {@code y}, trials {@code n} and an offset added to the
     * linear predictor.
     */
    public record Data(int[][] index, double[][] value, double[] y, double[] n, double[] offset, int columns) {
        /** Rows with no offset. */
        public static Data of(int[][] index, double[][] value, double[] y, double[] n, int columns) {
            return new Data(index, value, y, n, new double[y.length], columns);
        }

        public int rows() {
            return y.length;
        }

        /** The linear predictor of row {@code i} under {@code beta}. */
        public double eta(int i, double[] beta) {
            double eta = offset[i];
            for (int k = 0; k < index[i].length; k++) {
                eta += value[i][k] * beta[index[i][k]];
            }
            return eta;
        }
    }

    /**
     * A fit.
     *
     * @param beta coefficients, column order
     * @param iterations Newton steps taken
     * @param converged whether the largest coefficient change fell below the tolerance
     * @param logLikelihood binomial log-likelihood (without the penalty and the binomial coefficients)
     * @param lastStep largest absolute coefficient change of the last step
     */
    public record Fit(double[] beta, int iterations, boolean converged, double logLikelihood, double lastStep) {
        public double probability(Data d, int row) {
            return sigmoid(d.eta(row, beta));
        }
    }

    /** Largest absolute coefficient change at which a fit counts as converged. */
    public static final double TOLERANCE = 1e-10;

    /** Newton step cap. A separated fit walks to infinity about one unit per step and never converges within it. */
    public static final int MAX_ITERATIONS = 100;

    /**
     * Fits the model.
     *
     * @param lambda ridge penalty (0 for maximum likelihood)
     * @param start starting coefficients, or null (intercept at the crude log odds, others 0)
     */
    public static Fit fit(Data d, double lambda, double[] start) {
        return fit(d, lambda, start, MAX_ITERATIONS);
    }

    /** As {@link #fit(Data, double, double[])} with an iteration cap. */
    public static Fit fit(Data d, double lambda, double[] start, int maxIterations) {
        int p = d.columns();
        double[] beta = start == null ? new double[p] : start.clone();
        if (start == null) {
            double y = 0;
            double n = 0;
            for (int i = 0; i < d.rows(); i++) {
                y += d.y()[i];
                n += d.n()[i];
            }
            double rate = Math.min(Math.max(y / n, 1e-6), 1 - 1e-6);
            beta[0] = Math.log(rate / (1 - rate));
        }
        double objective = penalised(d, beta, lambda);
        int iterations = 0;
        double step = Double.NaN;
        boolean converged = false;
        while (iterations < maxIterations) {
            iterations++;
            double[] delta = newtonStep(d, beta, lambda);
            if (delta == null) {
                break;
            }
            double scale = 1.0;
            double[] next = new double[p];
            double nextObjective = Double.NaN;
            for (int halving = 0; halving <= 30; halving++) {
                for (int j = 0; j < p; j++) {
                    next[j] = beta[j] + scale * delta[j];
                }
                nextObjective = penalised(d, next, lambda);
                if (nextObjective >= objective - 1e-12 * Math.abs(objective)) {
                    break;
                }
                scale /= 2;
            }
            step = 0;
            for (int j = 0; j < p; j++) {
                step = Math.max(step, Math.abs(next[j] - beta[j]));
            }
            beta = next;
            objective = nextObjective;
            if (step < TOLERANCE) {
                converged = true;
                break;
            }
        }
        return new Fit(beta, iterations, converged, logLikelihood(d, beta), step);
    }

    private static double[] newtonStep(Data d, double[] beta, double lambda) {
        int p = d.columns();
        double[][] h = new double[p][p];
        double[] g = new double[p];
        for (int i = 0; i < d.rows(); i++) {
            double mu = sigmoid(d.eta(i, beta));
            double w = d.n()[i] * mu * (1 - mu);
            double r = d.y()[i] - d.n()[i] * mu;
            int[] ix = d.index()[i];
            double[] v = d.value()[i];
            for (int a = 0; a < ix.length; a++) {
                g[ix[a]] += v[a] * r;
                for (int b = 0; b < ix.length; b++) {
                    h[ix[a]][ix[b]] += w * v[a] * v[b];
                }
            }
        }
        for (int j = 1; j < p; j++) {
            g[j] -= lambda * beta[j];
            h[j][j] += lambda;
        }
        RealMatrix hessian = new Array2DRowRealMatrix(h, false);
        RealVector gradient = new ArrayRealVector(g, false);
        try {
            return new CholeskyDecomposition(hessian, 1e-14, 1e-14)
                    .getSolver()
                    .solve(gradient)
                    .toArray();
        } catch (NonPositiveDefiniteMatrixException e) {
            try {
                return new QRDecomposition(hessian, 1e-14)
                        .getSolver()
                        .solve(gradient)
                        .toArray();
            } catch (SingularMatrixException singular) {
                // Weights of a separated level have underflowed to 0: no Newton step exists.
                return null;
            }
        }
    }

    /** Binomial log-likelihood {@code sum y log p + (n - y) log(1 - p)}, computed stably from the linear predictor. */
    public static double logLikelihood(Data d, double[] beta) {
        double ll = 0;
        for (int i = 0; i < d.rows(); i++) {
            double eta = d.eta(i, beta);
            // log p = -log(1 + e^-eta), log(1 - p) = -log(1 + e^eta)
            ll -= d.y()[i] * log1pExp(-eta) + (d.n()[i] - d.y()[i]) * log1pExp(eta);
        }
        return ll;
    }

    private static double penalised(Data d, double[] beta, double lambda) {
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return logLikelihood(d, beta) - lambda / 2 * penalty;
    }

    /** {@code log(1 + e^x)} without overflow. */
    public static double log1pExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** The logistic function. */
    public static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }
}
