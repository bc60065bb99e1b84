package uk.lhs.common.synthetic;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The synthetic organisations: 7 regions, 42 systems (ICBs) and the requested number of acute trusts, with one
 * merger. Codes are well-formed but outside the real code ranges: regions {@code Y90}–{@code Y96} (real: Y56–Y63),
 * ICBs {@code Q} + digit + letter (real ICBs are Q + two letters), trusts {@code Z} + letter + digit (real NHS trusts
 * start with R or T). Every name starts with "SYNTHETIC" so no one mistakes them for real bodies.
 *
 * @param regions the regions in code order
 * @param icbs the systems in code order
 * @param trusts the trusts in code order (including the one that closes)
 * @param merger the trust that closes mid-series and its successor
 */
record Organisations(List<Region> regions, List<Icb> icbs, List<Trust> trusts, Merger merger) {

    /** Number of regions, as in England since 2020. */
    static final int REGIONS = 7;
    /** Number of systems (ICBs), as in England since July 2022. */
    static final int ICBS = 42;
    /** Number of distinct synthetic trust codes ({@link #trustCode(int)}). */
    static final int MAX_TRUSTS = 620;

    private static final String[] REGION_WORDS = {
        "CAPITAL", "SOUTHWEST", "SOUTHEAST", "MIDLANDS", "EAST", "NORTHWEST", "NORTHEAST"
    };
    private static final String[] PLACES = {
        "ASHBROOK", "BARROWMERE", "CALDERWICK", "DUNHOLM", "ELMSTEAD", "FAIRLEIGH", "GLENMOSS", "HARTWELL",
        "IVYBRIDGE VALE", "KESTON", "LYNDHURST MOOR", "MARLCOMBE", "NORTHWOLD", "OAKRIDGE", "PENHALLOW", "QUARRYDALE",
        "ROSETHORN", "SALTMARSH", "THORNBURY HEATH", "UPPERDALE", "WESTMARCH", "YARROWFORD"
    };
    private static final String[] SUFFIXES = {
        "HOSPITALS NHS TRUST",
        "HOSPITALS NHS FOUNDATION TRUST",
        "UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
        "GENERAL HOSPITAL NHS TRUST",
        "HEALTHCARE NHS FOUNDATION TRUST"
    };
    /** ODS "high level health geography" letter column (col 24 of etr) per region, as the real file carries one. */
    private static final String[] GEOGRAPHY_LETTER = {"H", "K", "J", "F", "C", "B", "A"};
    /** Trusts open this long before the series (a fixed date keeps output deterministic). */
    private static final LocalDate OPEN_DATE = LocalDate.of(2010, 4, 1);

    /** A region: code, ODS-style name, the A&E "Parent Org" spelling and the System-Mapping "Region Name". */
    record Region(int index, String code, String aeParentOrg, String mappingName) {}

    /** A system (ICB). */
    record Icb(int index, String code, String name, Region region) {}

    /**
     * A trust with its stable characteristics.
     *
     * @param size relative size (1 = median); scales A&E attendances, RTT list and spells
     * @param openDate ODS open date
     * @param closeMonth last month it publishes, or null if open throughout
     */
    record Trust(int index, String code, String name, Icb icb, double size, LocalDate openDate, YearMonth closeMonth) {
        Region region() {
            return icb.region();
        }

        /** Whether the trust still exists (publishes) in {@code month}. */
        boolean openIn(YearMonth month) {
            return closeMonth == null || !month.isAfter(closeMonth);
        }
    }

    /** A merger: {@code closing} publishes up to its close month, {@code successor} takes over from effective date. */
    record Merger(Trust closing, Trust successor, LocalDate effectiveDate) {}

    /** Builds the organisations for the options (deterministic in the seed). */
    static Organisations build(GeneratorOptions opts) {
        SplittableRandom r = Seeds.stream(opts.seed(), "organisations", 0);
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < REGIONS; i++) {
            String word = REGION_WORDS[i];
            // The real MSitAE files spell every region but London with a trailing space; keep that quirk.
            String parent = "NHS ENGLAND SYNTHETIC " + word + (i == 0 ? "" : " ");
            String mapping = "Synthetic " + word.charAt(0) + word.substring(1).toLowerCase() + " Commissioning Region";
            regions.add(new Region(i, "Y9" + i, parent, mapping));
        }
        List<Icb> icbs = new ArrayList<>();
        for (int i = 0; i < ICBS; i++) {
            String code = "Q" + (i / 26) + (char) ('A' + i % 26);
            String place = PLACES[i % PLACES.length] + (i >= PLACES.length ? " AND DISTRICT" : "");
            String name = "NHS Synthetic " + titleCase(place) + " Integrated Care Board";
            icbs.add(new Icb(i, code, name, regions.get(i % REGIONS)));
        }
        int nMonths = opts.months();
        int closingIndex = 5 % opts.trusts();
        List<Trust> trusts = new ArrayList<>();
        for (int i = 0; i < opts.trusts(); i++) {
            String code = trustCode(i);
            Icb icb = icbs.get(i % Math.min(ICBS, opts.trusts()));
            String place = PLACES[(i * 7 + 3) % PLACES.length];
            String second = PLACES[(i * 11 + 5) % PLACES.length];
            // Every tenth name carries a comma, as several real trust names do, so writers must quote.
            String name = i % 10 == 3
                    ? "SYNTHETIC " + place + ", " + second + " AND DISTRICT " + SUFFIXES[i % SUFFIXES.length]
                    : "SYNTHETIC " + place + " " + (i / PLACES.length + 1) + " " + SUFFIXES[i % SUFFIXES.length];
            double size = StrictMath.exp(0.35 * Seeds.normal(r));
            YearMonth close = i == closingIndex ? opts.month(nMonths / 2) : null;
            trusts.add(new Trust(i, code, name, icb, size, OPEN_DATE.plusMonths(i % 24), close));
        }
        Trust closing = trusts.get(closingIndex);
        Trust successor = trusts.stream()
                .filter(t -> t.icb().equals(closing.icb()) && t != closing)
                .findFirst()
                .or(() -> trusts.stream()
                        .filter(t -> t.region().equals(closing.region()) && t != closing)
                        .findFirst())
                .orElseThrow();
        LocalDate effective = closing.closeMonth().plusMonths(1).atDay(1);
        return new Organisations(
                List.copyOf(regions),
                List.copyOf(icbs),
                List.copyOf(trusts),
                new Merger(closing, successor, effective));
    }

    /** ODS geography letter for a region (fills the etr column the real file carries). */
    static String geographyLetter(Region region) {
        return GEOGRAPHY_LETTER[region.index()];
    }

    /** The trust with this code, if any. */
    Optional<Trust> trust(String code) {
        return trusts.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** Trusts publishing in {@code month}, in code order. */
    List<Trust> openTrusts(YearMonth month) {
        return trusts.stream().filter(t -> t.openIn(month)).toList();
    }

    /**
     * Activity multiplier of a trust in a month: a successor absorbs its closed partner's activity from the
     * effective date; a closed trust has none.
     */
    double activityScale(Trust t, YearMonth month) {
        if (!t.openIn(month)) {
            return 0;
        }
        if (t == merger.successor() && !month.atDay(1).isBefore(merger.effectiveDate())) {
            return (t.size() + merger.closing().size()) / t.size();
        }
        return 1;
    }

    /** The trust that treats a patient registered with {@code home} at {@code date} (the successor after a merger). */
    Trust provider(Trust home, LocalDate date) {
        if (home == merger.closing() && !date.isBefore(merger.effectiveDate())) {
            return merger.successor();
        }
        return home;
    }

    /**
     * Trust code number {@code i}: {@code Z}+letter+digit (0–259), {@code Z}+digit+letter (260–519), {@code Z}+two
     * digits (520–619). Real NHS trust codes start with R or T, so none can collide.
     */
    static String trustCode(int i) {
        if (i < 260) {
            return "Z" + (char) ('A' + i / 10) + (i % 10);
        }
        if (i < 520) {
            int j = i - 260;
            return "Z" + (j % 10) + (char) ('A' + j / 10);
        }
        if (i < MAX_TRUSTS) {
            int j = i - 520;
            return "Z" + (j / 10) + (j % 10);
        }
        throw new IllegalArgumentException(
                "only " + MAX_TRUSTS + " synthetic trust codes exist, asked for number " + i);
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            b.append(start ? c : Character.toLowerCase(c));
            start = c == ' ';
        }
        return b.toString();
    }
}
