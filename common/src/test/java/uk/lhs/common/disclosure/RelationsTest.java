package uk.lhs.common.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RelationsTest {
    private static CellKey cell(String level, String org, String stratum) {
        return new CellKey(level, org, "2024-04-01", "x", stratum);
    }

    @Test
    void theHierarchyNestsTrustsInSystemsInRegionsInEngland() {
        List<CellKey> cells = List.of(
                cell("trust", "T1", "all"), // 0
                cell("trust", "T2", "all"), // 1
                cell("trust", "T3", "all"), // 2
                cell("system", "S1", "all"), // 3
                cell("system", "S2", "all"), // 4
                cell("region", "R1", "all"), // 5
                cell("england", "ENG", "all")); // 6
        Map<String, Relations.Place> places = Map.of(
                Relations.placeKey("x", "T1"), new Relations.Place("S1", "R1"),
                Relations.placeKey("x", "T2"), new Relations.Place("S1", "R1"),
                Relations.placeKey("x", "T3"), new Relations.Place("S2", "R1"));
        Set<String> got = Relations.build(cells, places, "unmapped").stream()
                .map(Relation::toString)
                .collect(Collectors.toSet());
        assertEquals(Set.of("3 = Σ[0, 1]", "4 = Σ[2]", "5 = Σ[3, 4]", "6 = Σ[5]"), got);
    }

    @Test
    void aSystemAcrossTwoRegionsIsNotPartOfEitherAndUnplacedTrustsAreUnmapped() {
        List<CellKey> cells = List.of(
                cell("trust", "T1", "all"), // 0
                cell("trust", "T2", "all"), // 1
                cell("trust", "T9", "all"), // 2: no place
                cell("system", "S1", "all"), // 3
                cell("system", "unmapped", "all"), // 4
                cell("region", "R1", "all"), // 5
                cell("region", "R2", "all"), // 6
                cell("region", "unmapped", "all")); // 7
        Map<String, Relations.Place> places = Map.of(
                Relations.placeKey("x", "T1"), new Relations.Place("S1", "R1"),
                Relations.placeKey("x", "T2"), new Relations.Place("S1", "R2"));
        Set<String> got = Relations.build(cells, places, "unmapped").stream()
                .map(Relation::toString)
                .collect(Collectors.toSet());
        assertEquals(Set.of("3 = Σ[0, 1]", "4 = Σ[2]", "5 = Σ[0]", "6 = Σ[1]", "7 = Σ[4]"), got);
    }

    @Test
    void stratumAllIsTheSumOfEachFamily() {
        List<CellKey> cells = List.of(
                cell("trust", "T1", "all"), // 0
                cell("trust", "T1", "sex_female"), // 1
                cell("trust", "T1", "sex_male"), // 2
                cell("trust", "T1", "age_0_15"), // 3
                cell("trust", "T1", "age_85plus")); // 4
        Set<String> got = Relations.build(cells, Map.of(), "unmapped").stream()
                .map(Relation::toString)
                .filter(s -> s.startsWith("0 ="))
                .collect(Collectors.toSet());
        assertEquals(Set.of("0 = Σ[1, 2]", "0 = Σ[3, 4]"), got);
    }
}
