package uk.lhs.jobs.indicators;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.lhs.common.disclosure.CellKey;
import uk.lhs.common.disclosure.DifferencingAttacker;
import uk.lhs.common.disclosure.Relation;
import uk.lhs.common.disclosure.Relations;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.indicators.CatalogLoader;
import uk.lhs.common.indicators.Indicator;
import uk.lhs.common.indicators.IndicatorCatalog;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.Unmapped;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * An automated attacker against everything the lakehouse publishes (issue #16): with only the published tables and the
 * public organisation reference it tries value inversion and differencing over the hierarchy and the strata
 * ({@link DifferencingAttacker}); it must recover no suppressed cell. Also: no published count from 1 to 7, and the
 * published funnel points carry the published counts and nothing more exact.
 *
 * <p>By default it attacks the demo lakehouse; {@code -Dlhs.attack.lakehouse=DIR} attacks another one (e.g. the default
 * sample of {@code bin/lhs demo}, for the figures in the closing note). Months: no published table sums across months
 * (SPC and evaluation tables are computed from the published monthly values), so there is nothing to subtract across
 * them.
 */
class DisclosureAttackIT {
    private static final Thresholds NHS = Thresholds.NHS;

    @Test
    void theAttackerRecoversNoSuppressedCell() {
        String other = System.getProperty("lhs.attack.lakehouse");
        Lakehouse lh;
        if (other == null || other.isBlank()) {
            lh = DemoLakehouse.get().context().lakehouse();
        } else {
            SparkSession spark = SharedSpark.session();
            lh = new Lakehouse(spark, Path.of(other).toAbsolutePath().toString());
        }
        SparkSession spark = lh.spark();
        IndicatorCatalog catalog = CatalogLoader.load(SharedData.repoRoot().resolve("conf/indicators"));
        Map<String, Indicator> byId = new HashMap<>();
        catalog.indicators().forEach(i -> byId.put(i.id(), i));

        Dataset<Row> published = delta(spark, lh, IndicatorTables.INDICATOR_VALUES_PUBLISHED);
        Dataset<Row> exact = delta(spark, lh, IndicatorTables.INDICATOR_VALUES);
        List<String> key = List.of(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID, Cols.STRATUM);
        List<Row> rows = published
                .select(
                        col(Cols.ORG_LEVEL),
                        col(Cols.ORG_CODE),
                        col(Cols.PERIOD_START).cast("string").as(Cols.PERIOD_START),
                        col(Cols.INDICATOR_ID),
                        col(Cols.STRATUM),
                        col(Cols.MEASURE_TYPE),
                        col(Cols.STATUS),
                        col(Cols.NUMERATOR).as("pn"),
                        col(Cols.DENOMINATOR).as("pd"),
                        col(Cols.VALUE).as("pv"))
                .join(
                        exact.select(
                                col(Cols.ORG_LEVEL),
                                col(Cols.ORG_CODE),
                                col(Cols.PERIOD_START).cast("string").as(Cols.PERIOD_START),
                                col(Cols.INDICATOR_ID),
                                col(Cols.STRATUM),
                                col(Cols.NUMERATOR).as("en"),
                                col(Cols.DENOMINATOR).as("ed")),
                        scala.collection.JavaConverters.asScalaBuffer(key).toList())
                .collectAsList();

        rows = new ArrayList<>(rows);
        List<CellKey> keys = new ArrayList<>();
        for (Row r : rows) {
            keys.add(new CellKey(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> CellKey.ORDER.compare(keys.get(a), keys.get(b)));
        List<CellKey> sortedKeys = new ArrayList<>();
        List<DifferencingAttacker.Published> cells = new ArrayList<>();
        double[][] truth = new double[rows.size()][];
        int suppressed = 0;
        int smallPublished = 0;
        for (int i = 0; i < order.length; i++) {
            Row r = rows.get(order[i]);
            sortedKeys.add(keys.get(order[i]));
            String type = r.getString(5).toUpperCase(Locale.ROOT);
            boolean[] isCount = switch (type) {
                case "PROPORTION" -> new boolean[] {true, true, true};
                case "RATE" -> new boolean[] {true, true, false};
                case "COUNT", "RATIO" -> new boolean[] {true, false, false};
                case "MEAN" -> new boolean[] {true, true, false};
                default -> new boolean[] {false, true, false};
            };
            boolean isSuppressed = IndicatorTables.STATUS_SUPPRESSED.equals(r.getString(6));
            suppressed += isSuppressed ? 1 : 0;
            Double pn = nullable(r, 7);
            Double pd = nullable(r, 8);
            if ((isCount[0] && NHS.small(orNaN(pn))) || (isCount[1] && NHS.small(orNaN(pd)))) {
                smallPublished++;
            }
            Indicator ind = byId.get(r.getString(3));
            cells.add(new DifferencingAttacker.Published(
                    isSuppressed,
                    type.equals("PROPORTION"),
                    isCount,
                    pn,
                    pd,
                    nullable(r, 9),
                    ind == null ? 1 : ind.multiplier(),
                    type.equals("RATIO")));
            double en = orNaN(nullable(r, 10));
            double ed = orNaN(nullable(r, 11));
            truth[i] = new double[] {
                isCount[0] ? en : Double.NaN, isCount[1] ? ed : Double.NaN, isCount[2] ? ed - en : Double.NaN
            };
        }

        // The public reference: trust -> system -> region (unplaced trusts count as unmapped).
        Map<String, Relations.Place> places = new HashMap<>();
        List<Row> orgs = delta(spark, lh, IngestTables.ORGANISATIONS)
                .select(Cols.ORG_CODE, Cols.SYSTEM_CODE, Cols.REGION_CODE)
                .collectAsList();
        for (String indicator : byId.keySet()) {
            for (Row o : orgs) {
                places.put(
                        Relations.placeKey(indicator, o.getString(0)),
                        new Relations.Place(o.getString(1), o.getString(2)));
            }
        }
        // The attacker is given every relation that holds exactly (the strongest attacker the data allows).
        List<Relation> relations = new ArrayList<>();
        for (Relation rel : Relations.build(sortedKeys, places, Unmapped.CODE)) {
            if (exactlyAdditive(rel, truth)) {
                relations.add(rel);
            }
        }
        // The rule is public: tables stamped with their thresholds also suppress small complements.
        boolean complementProtected = List.of(published.columns()).contains(TableContract.SUPPRESS_BELOW);
        DifferencingAttacker attacker = new DifferencingAttacker(cells, relations, NHS, complementProtected).attack();
        List<Integer> recovered = attacker.recovered(truth);
        List<Integer> wrong = attacker.wrong(truth);
        System.out.printf(
                "disclosure attack on %s: %d published cells, %d suppressed, %d relations used, %d values inverted,"
                        + " %d suppressed cells recovered, %d published counts 1-7, %d unsound bounds%n",
                lh.root(),
                cells.size(),
                suppressed,
                relations.size(),
                attacker.inverted(),
                recovered.size(),
                smallPublished,
                wrong.size());
        for (int i = 0; i < Math.min(5, recovered.size()); i++) {
            System.out.println("  recovered: " + sortedKeys.get(recovered.get(i)) + " exact "
                    + java.util.Arrays.toString(truth[recovered.get(i)]));
        }
        for (int i = 0; i < Math.min(5, wrong.size()); i++) {
            int c = wrong.get(i);
            System.out.println("  unsound: " + sortedKeys.get(c) + " " + cells.get(c) + " exact "
                    + java.util.Arrays.toString(truth[c]) + " bounds n "
                    + java.util.Arrays.toString(attacker.bounds(c, 0))
                    + " d " + java.util.Arrays.toString(attacker.bounds(c, 1)) + " m "
                    + java.util.Arrays.toString(attacker.bounds(c, 2)));
        }
        assertEquals(0, wrong.size(), "the attacker's bounds must contain the truth (a bug in the attacker)");
        assertEquals(0, smallPublished, "no published count from 1 to 7");
        assertEquals(0, recovered.size(), "suppressed cells recovered by inversion and differencing");
        assertTrue(suppressed > 0, "the sample has suppressed cells to attack");

        checkOtherPublishedTables(
                spark,
                lh,
                catalog.indicators().stream()
                        .filter(i -> i.type() == uk.lhs.common.indicators.MeasureType.RATIO)
                        .map(Indicator::id)
                        .toList());
    }

    /** Every other published table: no count 1–7; published funnel points carry exactly the published counts. */
    private static void checkOtherPublishedTables(SparkSession spark, Lakehouse lh, List<String> ratios) {
        for (TableContract t : Tables.all()) {
            if (t.release() != Release.PUBLISHED || !lh.exists(t)) {
                continue;
            }
            Dataset<Row> rows = delta(spark, lh, t);
            for (String c : List.of(Cols.NUMERATOR, Cols.DENOMINATOR)) {
                if (!List.of(rows.columns()).contains(c)) {
                    continue;
                }
                Dataset<Row> counts = rows;
                if (c.equals(Cols.DENOMINATOR) && List.of(rows.columns()).contains(Cols.INDICATOR_ID)) {
                    // A ratio's denominator is an expected count, not people: it is published unrounded.
                    counts = rows.where(
                            col(Cols.INDICATOR_ID).isin(ratios.toArray()).unary_$bang());
                }
                long small = counts.where(col(c).geq(1).and(col(c).lt(NHS.suppressBelow())))
                        .count();
                assertEquals(0, small, t.qualifiedName() + "." + c + " has counts from 1 to 7");
            }
        }
        if (lh.exists(IndicatorTables.FUNNEL_POINTS_PUBLISHED)) {
            Dataset<Row> funnel = delta(spark, lh, IndicatorTables.FUNNEL_POINTS_PUBLISHED);
            Dataset<Row> values = delta(spark, lh, IndicatorTables.INDICATOR_VALUES_PUBLISHED)
                    .where(col(Cols.ORG_LEVEL)
                            .equalTo("trust")
                            .and(col(Cols.STRATUM).equalTo("all")));
            long differing = funnel.join(
                            values.select(
                                    col(Cols.INDICATOR_ID),
                                    col(Cols.PERIOD_START),
                                    col(Cols.ORG_CODE),
                                    col(Cols.NUMERATOR).as("vn"),
                                    col(Cols.DENOMINATOR).as("vd")),
                            scala.collection.JavaConverters.asScalaBuffer(
                                            List.of(Cols.INDICATOR_ID, Cols.PERIOD_START, Cols.ORG_CODE))
                                    .toList(),
                            "left")
                    .where(col(Cols.NUMERATOR)
                            .eqNullSafe(col("vn"))
                            .and(col(Cols.DENOMINATOR).eqNullSafe(col("vd")))
                            .unary_$bang())
                    .count();
            assertEquals(0, differing, "published funnel points carry the published counts");
        }
    }

    private static boolean exactlyAdditive(Relation rel, double[][] truth) {
        for (int k = 0; k < 3; k++) {
            double parent = truth[rel.parent()][k];
            if (Double.isNaN(parent) && allNaN(rel, truth, k)) {
                continue;
            }
            double sum = 0;
            for (int c : rel.children()) {
                sum += Double.isNaN(truth[c][k]) ? 0 : truth[c][k];
            }
            if (Math.abs((Double.isNaN(parent) ? 0 : parent) - sum) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private static boolean allNaN(Relation rel, double[][] truth, int k) {
        for (int c : rel.children()) {
            if (!Double.isNaN(truth[c][k])) {
                return false;
            }
        }
        return true;
    }

    private static Dataset<Row> delta(SparkSession spark, Lakehouse lh, TableContract t) {
        return spark.read().format("delta").load(lh.location(t));
    }

    private static Double nullable(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    private static double orNaN(Double x) {
        return x == null ? Double.NaN : x;
    }
}
