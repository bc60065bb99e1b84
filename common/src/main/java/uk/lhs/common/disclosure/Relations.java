package uk.lhs.common.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The additive relations between cells of one indicator table that a reader of the published tables can subtract
 * across: the organisation hierarchy (a system is the sum of its trusts, a region of its systems, England of its
 * regions), per month, indicator and stratum; and the strata (stratum {@code all} is the sum of each family of
 * strata: sex, age bands, IMD quintiles), per organisation, month and indicator. Families that do not add up exactly
 * (people with no recorded quintile) are still treated as additive: that only protects more.
 */
public final class Relations {
    private Relations() {}

    /** Where a trust's counts are summed: its system and region codes (as the indicator engine placed it). */
    public record Place(String system, String region) {}

    /** The key of a trust's place for one indicator in {@link #build}'s map. */
    public static String placeKey(String indicator, String trust) {
        return indicator + '\u0000' + trust;
    }

    /**
     * Builds every relation among the cells.
     *
     * @param cells the cells, indexed as the caller will index counts
     * @param places {@link #placeKey} to the trust's place; a trust without one counts as unmapped
     * @param unmapped the code of the system and region of unplaced trusts
     */
    public static List<Relation> build(List<CellKey> cells, Map<String, Place> places, String unmapped) {
        List<Relation> out = new ArrayList<>();
        Map<List<String>, List<Integer>> byGroup = new LinkedHashMap<>();
        Map<List<String>, List<Integer>> byOrg = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            CellKey c = cells.get(i);
            byGroup.computeIfAbsent(List.of(c.period(), c.indicator(), c.stratum()), k -> new ArrayList<>())
                    .add(i);
            byOrg.computeIfAbsent(List.of(c.level(), c.org(), c.period(), c.indicator()), k -> new ArrayList<>())
                    .add(i);
        }
        for (List<Integer> group : byGroup.values()) {
            hierarchy(cells, group, places, unmapped, out);
        }
        for (List<Integer> org : byOrg.values()) {
            strata(cells, org, out);
        }
        return out;
    }

    private static void hierarchy(
            List<CellKey> cells, List<Integer> group, Map<String, Place> places, String unmapped, List<Relation> out) {
        Map<String, Integer> systems = new HashMap<>();
        Map<String, Integer> regions = new HashMap<>();
        Integer england = null;
        List<Integer> trusts = new ArrayList<>();
        for (int i : group) {
            CellKey c = cells.get(i);
            switch (c.level()) {
                case "trust" -> trusts.add(i);
                case "system" -> systems.put(c.org(), i);
                case "region" -> regions.put(c.org(), i);
                case "england" -> england = i;
                default -> throw new IllegalArgumentException("unknown organisation level " + c.level());
            }
        }
        Map<String, List<Integer>> trustsOfSystem = new LinkedHashMap<>();
        Map<String, List<Integer>> trustsOfRegion = new LinkedHashMap<>();
        Map<String, String> regionOfSystem = new HashMap<>();
        for (int t : trusts) {
            CellKey c = cells.get(t);
            Place p = places.getOrDefault(placeKey(c.indicator(), c.org()), new Place(null, null));
            String system = Objects.requireNonNullElse(p.system(), unmapped);
            String region = Objects.requireNonNullElse(p.region(), unmapped);
            trustsOfSystem.computeIfAbsent(system, k -> new ArrayList<>()).add(t);
            trustsOfRegion.computeIfAbsent(region, k -> new ArrayList<>()).add(t);
            // A system whose trusts lie in more than one region is not a part of any one region.
            regionOfSystem.merge(system, region, (a, b) -> a.equals(b) ? a : "");
        }
        trustsOfSystem.forEach((system, members) -> add(systems.get(system), members, out));
        trustsOfRegion.forEach((region, members) -> {
            List<Integer> parts = new ArrayList<>();
            boolean nested = true;
            for (Map.Entry<String, String> s : regionOfSystem.entrySet()) {
                if (s.getValue().equals(region)) {
                    Integer cell = systems.get(s.getKey());
                    if (cell == null) {
                        nested = false;
                    } else {
                        parts.add(cell);
                    }
                }
            }
            for (int t : members) {
                Place p = places.get(
                        placeKey(cells.get(t).indicator(), cells.get(t).org()));
                String system = p == null || p.system() == null ? unmapped : p.system();
                if (!regionOfSystem.get(system).equals(region)) {
                    nested = false;
                }
            }
            parts.sort(null);
            add(regions.get(region), nested ? parts : members, out);
        });
        if (england != null) {
            List<Integer> parts = new ArrayList<>(regions.values());
            parts.sort(null);
            add(england, parts.size() == trustsOfRegion.size() && !parts.isEmpty() ? parts : trusts, out);
        }
    }

    private static void strata(List<CellKey> cells, List<Integer> org, List<Relation> out) {
        Integer all = null;
        Map<String, List<Integer>> families = new LinkedHashMap<>();
        for (int i : org) {
            String family = cells.get(i).family();
            if (family == null) {
                all = i;
            } else {
                families.computeIfAbsent(family, k -> new ArrayList<>()).add(i);
            }
        }
        if (all != null) {
            for (List<Integer> members : families.values()) {
                add(all, members, out);
            }
        }
    }

    private static void add(Integer parent, List<Integer> children, List<Relation> out) {
        if (parent != null && !children.isEmpty()) {
            out.add(new Relation(
                    parent, children.stream().mapToInt(Integer::intValue).toArray()));
        }
    }
}
