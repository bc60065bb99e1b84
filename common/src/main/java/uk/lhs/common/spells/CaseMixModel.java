package uk.lhs.common.spells;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import uk.lhs.common.stats.BinaryFitStatistics;
import uk.lhs.common.stats.GroupedLogistic;

/**
 * A logistic case-mix model fitted on the driver from aggregated cells (one per combination of factor levels, with its
 * events y and discharges n), safe against separation. No Spark: {@link ReadmissionRiskModel} collects the cells.
 *
 * <p>Coding: treatment (dummy) coding, the reference level of each factor its most frequent one (ties by name).
 * Columns that are linear combinations of earlier ones are aliased and dropped, as R's {@code glm} does (sequential
 * Cholesky of {@code X'diag(n)X}); the readmission model's specialty is nested in its group, so the specialty columns
 * are aliased when group comes first. A level the fit never saw scores as the reference level.
 *
 * <p>Separation (Albert and Anderson 1984, Biometrika 71:1-10): a level whose cells have no event, or only events,
 * has no finite maximum-likelihood coefficient, and a combination of levels can separate too. It is detected (a) from
 * the levels' events and (b) from the unpenalised fit: not converged in {@link GroupedLogistic#MAX_ITERATIONS} Newton
 * steps (a separated coefficient walks towards infinity about one unit per step) or a fitted cell probability below
 * the floor or above 1 - floor. Without separation the fit is the maximum-likelihood one (no penalty). With it, a
 * ridge penalty on every coefficient but the intercept (le Cessie and van Houwelingen 1992) keeps the estimate finite;
 * lambda is chosen from {@link #LAMBDAS} by K-fold cross-validated log-loss (Hastie, Tibshirani and Friedman, The
 * Elements of Statistical Learning, 2nd ed., section 7.10), folds over discharges: each cell's events and non-events
 * are dealt to the folds in turn from a seeded starting fold, so each fold holds about 1/K of every cell. The chosen
 * lambda is raised along the grid until every cell's probability is at or above the floor. The intercept is never
 * penalised, so expected events still sum to observed events over the fitted cells (its score equation).
 *
 * <p>Probability floor: {@code 0.5 / N}, N the discharges the model is fitted on — half an event in the whole
 * standard population, the smallest rate the data can tell from zero (with no event at all, the usual 0.5 continuity
 * correction; Haldane 1956). A modelled probability below it can only come from a coefficient the data do not bound,
 * i.e. from separation. {@link #probability} never returns less.
 */
public final class CaseMixModel {
    /** Folds of the cross-validation. */
    public static final int FOLDS = 5;

    /** Seed of the fold assignment, so the same cells always give the same lambda. */
    public static final long SEED = 20261207L;

    /** Candidate ridge penalties: 10^(k/2) for k = -4..6 (0.01 to 1000, on the log-likelihood summed over discharges). */
    public static final double[] LAMBDAS = grid();

    /** One cell: the level of every factor (factor order), events and discharges. */
    public record Cell(List<String> levels, double events, double discharges) {}

    /** A coefficient as an analyst reads it: reference levels and aliased levels have none (NaN) and say so. */
    public record Coefficient(String factor, String level, double value, String role) {}

    /** What the fit did, for gold.model_fit. */
    public record Summary(
            int cells,
            int parameters,
            double discharges,
            double events,
            List<String> separatedLevels,
            boolean separationDetected,
            String separationReason,
            double lambda,
            String penaltyChoice,
            Integer cvFolds,
            Double cvLogLoss,
            double probabilityFloor,
            double minimumProbability,
            BinaryFitStatistics.Summary statistics,
            int iterations,
            boolean converged) {}

    private final List<String> factors;
    private final List<Map<String, Integer>> columnOf;
    private final List<List<String>> levels;
    private final List<String> reference;
    private final boolean[] aliased;
    private final double[] beta;
    private final double floor;
    private final Summary summary;

    private CaseMixModel(
            List<String> factors,
            List<List<String>> levels,
            List<Map<String, Integer>> columnOf,
            boolean[] aliased,
            double[] beta,
            double floor,
            Summary summary) {
        this.factors = List.copyOf(factors);
        this.levels = levels;
        this.columnOf = columnOf;
        this.reference = levels.stream().map(l -> l.get(0)).toList();
        this.aliased = aliased;
        this.beta = beta;
        this.floor = floor;
        this.summary = summary;
    }

    /**
     * Fits the model.
     *
     * @param factors factor names, in the order of each cell's levels; a factor that is a combination of earlier ones
     *     (nested) is aliased
     * @param cells the cells, any order (they are sorted here, so the result does not depend on it)
     * @throws IllegalArgumentException when the cells hold no discharge
     */
    public static CaseMixModel fit(List<String> factors, List<Cell> cells) {
        List<Cell> sorted =
                new ArrayList<>(cells.stream().filter(c -> c.discharges() > 0).toList());
        sorted.sort(Comparator.comparing(c -> String.join("\u0000", c.levels())));
        double total = 0;
        double events = 0;
        for (Cell c : sorted) {
            total += c.discharges();
            events += c.events();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no discharge to fit the case-mix model on");
        }
        // Levels by descending discharges (the first is the reference), and each level's events.
        List<List<String>> levels = new ArrayList<>();
        List<String> separated = new ArrayList<>();
        for (int f = 0; f < factors.size(); f++) {
            Map<String, double[]> byLevel = new HashMap<>();
            for (Cell c : sorted) {
                double[] s = byLevel.computeIfAbsent(c.levels().get(f), k -> new double[2]);
                s[0] += c.discharges();
                s[1] += c.events();
            }
            List<String> ordered = new ArrayList<>(byLevel.keySet());
            ordered.sort(Comparator.comparingDouble((String l) -> -byLevel.get(l)[0])
                    .thenComparing(Comparator.naturalOrder()));
            levels.add(List.copyOf(ordered));
            for (String l : ordered) {
                double[] s = byLevel.get(l);
                if (s[1] == 0 || s[1] == s[0]) {
                    separated.add(factors.get(f) + "=" + l + " (" + (long) s[1] + " of " + (long) s[0] + ")");
                }
            }
        }
        // Candidate columns: intercept, then the non-reference levels of each factor in order.
        List<Map<String, Integer>> candidate = new ArrayList<>();
        int width = 1;
        for (List<String> l : levels) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int k = 1; k < l.size(); k++) {
                m.put(l.get(k), width++);
            }
            candidate.add(m);
        }
        boolean[] aliased = aliased(sorted, candidate, width);
        int[] newIndex = new int[width];
        int p = 0;
        for (int j = 0; j < width; j++) {
            newIndex[j] = aliased[j] ? -1 : p++;
        }
        List<Map<String, Integer>> columnOf = new ArrayList<>();
        for (Map<String, Integer> m : candidate) {
            Map<String, Integer> kept = new LinkedHashMap<>();
            m.forEach((level, j) -> kept.put(level, newIndex[j]));
            columnOf.add(kept);
        }
        GroupedLogistic.Data data = design(sorted, columnOf, p, null, null);
        double floor = 0.5 / total;

        GroupedLogistic.Fit fit = GroupedLogistic.fit(data, 0, null);
        String reason = null;
        if (!separated.isEmpty()) {
            reason = "levels with no event or only events: " + String.join(", ", separated);
        } else if (!fit.converged()) {
            reason = "the unpenalised fit did not converge in " + fit.iterations() + " Newton steps (last step "
                    + String.format(java.util.Locale.ROOT, "%.3g", fit.lastStep()) + ")";
        } else if (outsideFloor(data, fit.beta(), floor)) {
            reason = "the unpenalised fit drives a cell's probability below " + floor + " or above 1 - " + floor;
        }
        double lambda = 0;
        String choice = "none: no separation detected, maximum likelihood";
        Integer folds = null;
        Double cvLoss = null;
        if (reason != null) {
            double[] loss = crossValidated(sorted, columnOf, p);
            int best = 0;
            for (int k = 1; k < LAMBDAS.length; k++) {
                if (loss[k] <= loss[best]) {
                    best = k;
                }
            }
            folds = FOLDS;
            cvLoss = loss[best];
            lambda = LAMBDAS[best];
            choice = FOLDS + "-fold cross-validated log-loss over discharges (seed " + SEED + "), grid 0.01-1000";
            fit = GroupedLogistic.fit(data, lambda, null);
            if (outsideFloor(data, fit.beta(), floor)) {
                choice = choice + "; raised by sqrt(10) steps until every cell is at or above the floor";
            }
            while (outsideFloor(data, fit.beta(), floor) && lambda < 1e8) {
                lambda *= Math.sqrt(10);
                fit = GroupedLogistic.fit(data, lambda, fit.beta());
            }
        }
        double[] pr = new double[sorted.size()];
        double[] y = new double[sorted.size()];
        double[] n = new double[sorted.size()];
        double minimum = 1;
        for (int i = 0; i < sorted.size(); i++) {
            pr[i] = fit.probability(data, i);
            y[i] = sorted.get(i).events();
            n[i] = sorted.get(i).discharges();
            minimum = Math.min(minimum, pr[i]);
        }
        Summary summary = new Summary(
                sorted.size(),
                p,
                total,
                events,
                List.copyOf(separated),
                reason != null,
                reason,
                lambda,
                choice,
                folds,
                cvLoss,
                floor,
                minimum,
                BinaryFitStatistics.of(pr, y, n),
                fit.iterations(),
                fit.converged());
        return new CaseMixModel(factors, levels, columnOf, aliased, fit.beta(), floor, summary);
    }

    /** The modelled probability of a cell (levels in factor order), never below the floor. */
    public double probability(List<String> cellLevels) {
        double eta = beta[0];
        for (int f = 0; f < factors.size(); f++) {
            Integer j = columnOf.get(f).get(cellLevels.get(f));
            if (j != null && j >= 0) {
                eta += beta[j];
            }
        }
        return Math.max(GroupedLogistic.sigmoid(eta), floor);
    }

    /** What the fit did. */
    public Summary summary() {
        return summary;
    }

    /** The probability floor ({@code 0.5 / N}). */
    public double floor() {
        return floor;
    }

    /** The factors, in cell order. */
    public List<String> factors() {
        return factors;
    }

    /** The intercept: the log odds of a cell at every factor's reference level. */
    public double intercept() {
        return beta[0];
    }

    /** Every level's log odds ratio against its factor's reference level. */
    public List<Coefficient> coefficients() {
        List<Coefficient> out = new ArrayList<>();
        for (int f = 0; f < factors.size(); f++) {
            out.add(new Coefficient(factors.get(f), reference.get(f), Double.NaN, "reference"));
            for (Map.Entry<String, Integer> e : columnOf.get(f).entrySet()) {
                boolean isAliased = e.getValue() < 0;
                out.add(new Coefficient(
                        factors.get(f),
                        e.getKey(),
                        isAliased ? Double.NaN : beta[e.getValue()],
                        isAliased ? "aliased (a combination of earlier columns)" : "log odds ratio"));
            }
        }
        return out;
    }

    /** The number of levels of each factor seen in the fit. */
    public List<Integer> levelCounts() {
        return levels.stream().map(List::size).toList();
    }

    boolean[] aliasedColumns() {
        return aliased.clone();
    }

    private static double[] grid() {
        double[] g = new double[11];
        for (int k = -4; k <= 6; k++) {
            g[k + 4] = Math.pow(10, k / 2.0);
        }
        return g;
    }

    private static boolean outsideFloor(GroupedLogistic.Data data, double[] beta, double floor) {
        for (int i = 0; i < data.rows(); i++) {
            double pr = GroupedLogistic.sigmoid(data.eta(i, beta));
            if (pr < floor || pr > 1 - floor) {
                return true;
            }
        }
        return false;
    }

    /**
     * The design. With {@code y} and {@code n} given, they replace the cells' counts (a cross-validation fold).
     */
    static GroupedLogistic.Data design(
            List<Cell> cells, List<Map<String, Integer>> columnOf, int columns, double[] y, double[] n) {
        int rows = cells.size();
        int[][] index = new int[rows][];
        double[][] value = new double[rows][];
        double[] ys = new double[rows];
        double[] ns = new double[rows];
        for (int i = 0; i < rows; i++) {
            Cell c = cells.get(i);
            int[] ix = new int[columnOf.size() + 1];
            int k = 0;
            ix[k++] = 0;
            for (int f = 0; f < columnOf.size(); f++) {
                Integer j = columnOf.get(f).get(c.levels().get(f));
                if (j != null && j >= 0) {
                    ix[k++] = j;
                }
            }
            index[i] = java.util.Arrays.copyOf(ix, k);
            value[i] = new double[k];
            java.util.Arrays.fill(value[i], 1.0);
            ys[i] = y == null ? c.events() : y[i];
            ns[i] = n == null ? c.discharges() : n[i];
        }
        return GroupedLogistic.Data.of(index, value, ys, ns, columns);
    }

    /**
     * Columns that are linear combinations of earlier ones, in {@code X'diag(n)X}: sequential Cholesky, a column whose
     * remaining diagonal is below 1e-9 of its own is aliased (R's {@code glm} uses pivoted QR to the same end).
     */
    private static boolean[] aliased(List<Cell> cells, List<Map<String, Integer>> candidate, int width) {
        double[][] c = new double[width][width];
        for (Cell cell : cells) {
            int[] ix = new int[candidate.size() + 1];
            int k = 0;
            ix[k++] = 0;
            for (int f = 0; f < candidate.size(); f++) {
                Integer j = candidate.get(f).get(cell.levels().get(f));
                if (j != null) {
                    ix[k++] = j;
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    c[ix[a]][ix[b]] += cell.discharges();
                }
            }
        }
        boolean[] aliased = new boolean[width];
        double[][] l = new double[width][width];
        for (int j = 0; j < width; j++) {
            double d = c[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (d <= 1e-9 * c[j][j]) {
                aliased[j] = true;
                continue;
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < width; i++) {
                double s = c[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return aliased;
    }

    /**
     * Mean held-out log-loss per discharge for every lambda of {@link #LAMBDAS}, warm-started along the grid.
     */
    static double[] crossValidated(List<Cell> cells, List<Map<String, Integer>> columnOf, int columns) {
        double[][][] split = folds(cells);
        double[] loss = new double[LAMBDAS.length];
        double total = 0;
        for (Cell c : cells) {
            total += c.discharges();
        }
        for (int k = 0; k < FOLDS; k++) {
            int rows = cells.size();
            double[] trainY = new double[rows];
            double[] trainN = new double[rows];
            for (int i = 0; i < rows; i++) {
                trainY[i] = cells.get(i).events() - split[i][k][0];
                trainN[i] = cells.get(i).discharges() - split[i][k][1];
            }
            GroupedLogistic.Data train = design(cells, columnOf, columns, trainY, trainN);
            double[] start = null;
            for (int l = LAMBDAS.length - 1; l >= 0; l--) {
                GroupedLogistic.Fit fit = GroupedLogistic.fit(train, LAMBDAS[l], start);
                start = fit.beta();
                for (int i = 0; i < rows; i++) {
                    double eta = train.eta(i, fit.beta());
                    double yk = split[i][k][0];
                    double nk = split[i][k][1];
                    loss[l] += yk * GroupedLogistic.log1pExp(-eta) + (nk - yk) * GroupedLogistic.log1pExp(eta);
                }
            }
        }
        for (int l = 0; l < loss.length; l++) {
            loss[l] /= total;
        }
        return loss;
    }

    /**
     * Per cell and fold, the held-out events and discharges: the cell's events are dealt to the folds in turn from a
     * seeded starting fold, and so are its non-events, so a fold holds floor or ceiling of 1/K of each.
     *
     * @return {@code [cell][fold][0 = events, 1 = discharges]}
     */
    static double[][][] folds(List<Cell> cells) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[][][] out = new double[cells.size()][FOLDS][2];
        for (int i = 0; i < cells.size(); i++) {
            long y = Math.round(cells.get(i).events());
            long nonEvents = Math.round(cells.get(i).discharges()) - y;
            int startEvents = random.nextInt(FOLDS);
            int startNon = random.nextInt(FOLDS);
            for (int k = 0; k < FOLDS; k++) {
                long ey = y / FOLDS + (Math.floorMod(k - startEvents, FOLDS) < y % FOLDS ? 1 : 0);
                long en = nonEvents / FOLDS + (Math.floorMod(k - startNon, FOLDS) < nonEvents % FOLDS ? 1 : 0);
                out[i][k][0] = ey;
                out[i][k][1] = ey + en;
            }
        }
        return out;
    }
}
