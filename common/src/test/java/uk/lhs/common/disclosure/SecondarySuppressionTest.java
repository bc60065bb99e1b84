package uk.lhs.common.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecondarySuppressionTest {
    private static final Thresholds NHS = Thresholds.NHS;

    @Test
    void thresholdsFollowTheNhsRule() {
        assertFalse(NHS.small(0));
        assertTrue(NHS.small(1));
        assertTrue(NHS.small(7));
        assertFalse(NHS.small(8));
        assertFalse(NHS.small(Double.NaN));
        assertEquals(10, NHS.round(8));
        assertEquals(10, NHS.round(12));
        assertEquals(15, NHS.round(13));
        assertEquals(0, NHS.round(0));
        assertTrue(new Thresholds(6, 5).weakerThan(NHS));
        assertTrue(new Thresholds(8, 1).weakerThan(NHS));
        assertTrue(new Thresholds(8, 3).weakerThan(NHS));
        assertFalse(new Thresholds(10, 10).weakerThan(NHS));
    }

    @Test
    void weakerSettingsAreRefusedUnlessOutputsStayInside() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Thresholds.of(1, 1, false));
        assertTrue(e.getMessage().contains("outputs-stay-inside"), e.getMessage());
        assertEquals(new Thresholds(1, 1), Thresholds.of(1, 1, true));
        assertEquals(NHS, Thresholds.of(8, 5, false));
    }

    @Test
    void aLoneSuppressedChildTakesItsSmallestSiblingWith() {
        // System 100 = trusts 3 + 40 + 57: trust 3 is small; 40 is the next smallest.
        double[][] counts = {{100}, {3}, {40}, {57}};
        SecondarySuppression.Result r = SecondarySuppression.suppress(
                counts, new double[] {100, 3, 40, 57}, List.of(new Relation(0, new int[] {1, 2, 3})), NHS);
        assertEquals(BitSet.valueOf(new long[] {0b0010}), r.primary());
        assertEquals(BitSet.valueOf(new long[] {0b0100}), r.secondary());
    }

    @Test
    void twoSmallChildrenWhoseTotalIsSmallNeedAThird() {
        // 2 + 3 = 5 would be found by subtraction: a third, non-small child is suppressed too.
        double[][] counts = {{65}, {2}, {3}, {20}, {40}};
        SecondarySuppression.Result r = SecondarySuppression.suppress(
                counts, new double[] {65, 2, 3, 20, 40}, List.of(new Relation(0, new int[] {1, 2, 3, 4})), NHS);
        assertTrue(r.suppressed(1) && r.suppressed(2) && r.suppressed(3));
        assertFalse(r.suppressed(0) || r.suppressed(4));
    }

    @Test
    void aSuppressedParentWithPublishedChildrenIsProtectedThroughAChild() {
        // Parent secondary-suppressed elsewhere is modelled by a small complement; its only non-zero child goes too.
        double[][] counts = {{5}, {0}, {5}};
        SecondarySuppression.Result r = SecondarySuppression.suppress(
                counts, new double[] {5, 0, 5}, List.of(new Relation(0, new int[] {1, 2})), NHS);
        assertTrue(r.suppressed(0) && r.suppressed(2));
        assertFalse(r.suppressed(1), "a zero child is published: zero identifies nobody");
    }

    @Test
    void withoutSecondarySuppressionTheAttackerRecoversCellsAndWithItNone() {
        int recoveredWithout = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Table table = Table.random(seed);
            List<Relation> relations = Relations.build(table.keys, table.places, "unmapped");
            SecondarySuppression.Result primaryOnly =
                    SecondarySuppression.suppress(table.counts, table.size(), List.of(), NHS);
            SecondarySuppression.Result full =
                    SecondarySuppression.suppress(table.counts, table.size(), relations, NHS);
            DifferencingAttacker weak =
                    new DifferencingAttacker(table.publish(primaryOnly.all()), relations, NHS, true).attack();
            DifferencingAttacker strong =
                    new DifferencingAttacker(table.publish(full.all()), relations, NHS, true).attack();
            assertEquals(List.of(), weak.wrong(table.counts), "the attacker is sound (seed " + seed + ")");
            assertEquals(List.of(), strong.wrong(table.counts), "the attacker is sound (seed " + seed + ")");
            recoveredWithout += weak.recovered(table.counts).size();
            assertEquals(List.of(), strong.recovered(table.counts), "no suppressed cell recovered (seed " + seed + ")");
        }
        assertTrue(recoveredWithout > 0, "primary suppression alone leaks by subtraction: " + recoveredWithout);
    }

    /** A random proportion indicator over 3 systems of trusts in 2 regions, with sex and IMD strata. */
    static final class Table {
        final List<CellKey> keys = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
        final Map<String, Relations.Place> places = new HashMap<>();
        double[][] counts;

        static Table random(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Table t = new Table();
            Map<String, double[][]> byStratum = new HashMap<>();
            String[] strata = {"all", "sex_female", "sex_male", "imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5"};
            int trusts = 0;
            List<String[]> trustPlaces = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int k = 2 + rnd.nextInt(3);
                for (int i = 0; i < k; i++) {
                    String trust = "T" + trusts++;
                    String system = "S" + s;
                    String region = s < 2 ? "R0" : "R1";
                    t.places.put(Relations.placeKey("x", trust), new Relations.Place(system, region));
                    trustPlaces.add(new String[] {trust, system, region});
                    // Split a trust's patients over sex x IMD cells, some of them tiny.
                    double[][] cell = new double[2][5];
                    double[][] events = new double[2][5];
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 5; b++) {
                            cell[a][b] = rnd.nextInt(10) < 3 ? rnd.nextInt(6) : 5 + rnd.nextInt(60);
                            events[a][b] = Math.floor(cell[a][b] * rnd.nextDouble() * 0.5);
                        }
                    }
                    byStratum.put(trust, new double[][] {flatten(cell), flatten(events)});
                }
            }
            for (String stratum : strata) {
                Map<String, double[]> sums = new HashMap<>();
                for (String[] tp : trustPlaces) {
                    double[][] c = byStratum.get(tp[0]);
                    double[] nd = stratumSum(c, stratum);
                    t.add("trust", tp[0], stratum, nd);
                    for (String agg : new String[] {"system:" + tp[1], "region:" + tp[2], "england:ENG"}) {
                        sums.merge(agg, nd, (x, y) -> new double[] {x[0] + y[0], x[1] + y[1]});
                    }
                }
                sums.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    String[] lv = e.getKey().split(":");
                    t.add(lv[0], lv[1], stratum, e.getValue());
                });
            }
            t.counts = new double[t.rows.size()][];
            for (int i = 0; i < t.rows.size(); i++) {
                double[] nd = t.rows.get(i);
                t.counts[i] = new double[] {nd[0], nd[1], nd[1] - nd[0]};
            }
            return t;
        }

        private static double[] flatten(double[][] x) {
            double[] out = new double[10];
            for (int a = 0; a < 2; a++) {
                System.arraycopy(x[a], 0, out, a * 5, 5);
            }
            return out;
        }

        private static double[] stratumSum(double[][] c, String stratum) {
            double n = 0;
            double d = 0;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 5; b++) {
                    boolean in = stratum.equals("all")
                            || stratum.equals(a == 0 ? "sex_female" : "sex_male")
                            || stratum.equals("imd_q" + (b + 1));
                    if (in) {
                        n += c[1][a * 5 + b];
                        d += c[0][a * 5 + b];
                    }
                }
            }
            return new double[] {n, d};
        }

        private void add(String level, String org, String stratum, double[] nd) {
            keys.add(new CellKey(level, org, "2024-04-01", "x", stratum));
            rows.add(nd);
        }

        double[] size() {
            double[] s = new double[counts.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = counts[i][1];
            }
            return s;
        }

        /** Published as indicator_values_published would be: suppressed, or rounded with value from rounded. */
        List<DifferencingAttacker.Published> publish(BitSet suppressed) {
            List<DifferencingAttacker.Published> out = new ArrayList<>();
            boolean[] isCount = {true, true, true};
            for (int i = 0; i < counts.length; i++) {
                boolean hasData = counts[i][1] > 0;
                if (suppressed.get(i)) {
                    out.add(new DifferencingAttacker.Published(true, true, isCount, null, null, null, 1, false));
                } else if (!hasData) {
                    out.add(new DifferencingAttacker.Published(false, true, isCount, null, null, null, 1, false));
                } else {
                    double n = NHS.round(counts[i][0]);
                    double d = NHS.round(counts[i][1]);
                    out.add(new DifferencingAttacker.Published(false, true, isCount, n, d, n / d, 1, false));
                }
            }
            return out;
        }
    }
}
