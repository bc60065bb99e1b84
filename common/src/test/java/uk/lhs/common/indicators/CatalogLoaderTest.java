package uk.lhs.common.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;
import uk.lhs.common.vocab.OrgLevel;

class CatalogLoaderTest {
    private static final String GOOD = """
      indicators:
        - id: x_prop
          title: X
          description: a proportion
          dataset: ae_monthly
          type: proportion
          numerator: att_type1 - over4_type1
          denominator: att_type1
          unit: proportion
          improvement_direction: increase
          chart_type: pprime
          targets:
            - {value: 0.95, from: 2010-07, source: standard}
            - {value: 0.78, from: 2024-04, to: 2025-03, source: interim}
          source: s
          methodology: m
      """;

    static Map<String, String> files(String... nameThenText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            m.put(nameThenText[i], nameThenText[i + 1]);
        }
        return m;
    }

    @Test
    void theShippedCatalogLoadsWithEveryRequiredIndicator() {
        IndicatorCatalog c = CatalogLoader.load(SharedData.repoRoot().resolve("conf/indicators"));
        for (String id : List.of(
                "ae_4hr_all",
                "ae_4hr_type1",
                "ae_attendances",
                "ae_12hr_dta",
                "ae_12hr_dta_per_1000",
                "ae_emergency_admissions",
                "ae_conversion_type1",
                "rtt_18wk",
                "rtt_waiting_list",
                "rtt_52wk",
                "rtt_65wk",
                "rtt_78wk",
                "rtt_104wk",
                "rtt_median_wait",
                "rtt_p92_wait")) {
            assertTrue(c.byId(id).isPresent(), id);
        }
        Indicator median = c.byId("rtt_median_wait").orElseThrow();
        assertEquals(MeasureType.PERCENTILE, median.type());
        assertEquals(new BigDecimal("0.5"), median.percentile());
        assertEquals(FunnelMethod.NONE, median.funnel());
        assertEquals(FunnelMethod.PR, c.byId("rtt_18wk").orElseThrow().funnel());
        assertEquals(1000.0, c.byId("ae_12hr_dta_per_1000").orElseThrow().multiplier());
        assertEquals(0.92, c.byId("rtt_18wk").orElseThrow().targetFor(LocalDate.of(2024, 6, 1)));
    }

    @Test
    void aGoodEntryParsesAndTheLatestApplicableTargetWins() {
        Indicator i = CatalogLoader.parse(files("a.yaml", GOOD)).indicators().get(0);
        assertEquals("x_prop", i.id());
        assertEquals(1, i.version());
        assertEquals(ImprovementDirection.INCREASE, i.direction());
        assertEquals(ChartType.P_PRIME, i.chartType());
        assertEquals(0.95, i.targetFor(LocalDate.of(2024, 3, 1)));
        assertEquals(0.78, i.targetFor(LocalDate.of(2024, 4, 1)));
        assertEquals(0.95, i.targetFor(LocalDate.of(2025, 4, 1)));
        assertNull(i.targetFor(LocalDate.of(2010, 6, 1)));
    }

    private static CatalogException failing(String text) {
        return assertThrows(CatalogException.class, () -> CatalogLoader.parse(files("bad.yaml", text)));
    }

    @Test
    void anUnknownDatasetIsNamedWithFileAndEntry() {
        CatalogException e = failing(GOOD.replace("dataset: ae_monthly", "dataset: ae_daily"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(
                e.problems().get(0).startsWith("bad.yaml: entry 'x_prop': unknown dataset 'ae_daily'"), e.getMessage());
    }

    @Test
    void anUnknownColumnInTheSqlIsCaughtAtLoad() {
        CatalogException e = failing(GOOD.replace("denominator: att_type1", "denominator: att_typ1 + att_type2"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("entry 'x_prop': denominator names column 'att_typ1'"), e.getMessage());
    }

    @Test
    void sqlThatDoesNotParseIsReported() {
        CatalogException e = failing(GOOD.replace("numerator: att_type1 - over4_type1", "numerator: att_type1 -"));
        assertTrue(e.problems().get(0).contains("numerator is not a valid Spark SQL expression"), e.getMessage());
    }

    @Test
    void aBadDirectionIsReportedWithTheChoices() {
        CatalogException e = failing(GOOD.replace("improvement_direction: increase", "improvement_direction: up"));
        assertTrue(
                e.problems()
                        .get(0)
                        .contains("improvement_direction 'up' is not one of [increase, decrease," + " neutral]"),
                e.getMessage());
    }

    @Test
    void aDuplicateIdAcrossFilesNamesBothFiles() {
        CatalogException e =
                assertThrows(CatalogException.class, () -> CatalogLoader.parse(files("a.yaml", GOOD, "b.yaml", GOOD)));
        assertEquals(
                List.of("b.yaml: entry 'x_prop': duplicate id, already defined in a.yaml; ids must be unique"
                        + " across the catalog, rename one"),
                e.problems());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        CatalogException e = failing(GOOD.replace("type: proportion", "type: proportion\n    colour: red")
                .replace("chart_type: pprime", "chart_type: pie")
                .replace("    title: X\n", ""));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'colour'"));
        assertTrue(e.getMessage().contains("'title' is missing"));
        assertTrue(e.getMessage().contains("chart_type 'pie'"));
    }

    @Test
    void shapeRulesPerTypeAreEnforced() {
        String count = GOOD.replace("type: proportion", "type: count");
        assertTrue(failing(count).problems().get(0).contains("a count has no denominator"));
        String percentile = GOOD.replace("type: proportion", "type: percentile");
        assertTrue(failing(percentile).getMessage().contains("a percentile needs 'bands'"));
        String scaled = GOOD.replace("unit: proportion", "unit: proportion\n    multiplier: 100");
        assertTrue(failing(scaled).getMessage().contains("proportions are stored as fractions"));
        String bandsNotArray = GOOD.replace("dataset: ae_monthly", "dataset: rtt_incomplete")
                .replace("type: proportion", "type: percentile\n    bands: total_pathways\n    percentile: 0.5")
                .replace("    numerator: att_type1 - over4_type1\n", "")
                .replace("denominator: att_type1", "denominator: total_pathways")
                .replace("chart_type: pprime", "chart_type: xmr");
        CatalogException e = failing(bandsNotArray);
        assertEquals(
                List.of("bad.yaml: entry 'x_prop': bands names 'total_pathways', which is not an array column of"
                        + " dataset 'rtt_incomplete'"),
                e.problems());
    }

    @Test
    void theSpellsCatalogLoadsWithItsTypesAndFunnels() {
        IndicatorCatalog c = CatalogLoader.load(SharedData.repoRoot().resolve("conf/indicators"));
        Indicator readmit = c.byId("readmit_30d").orElseThrow();
        assertEquals(IndicatorDatasets.SPELL_MEASURES, readmit.dataset());
        assertEquals(MeasureType.PROPORTION, readmit.type());
        assertEquals(ImprovementDirection.DECREASE, readmit.direction());
        Indicator isr = c.byId("readmit_30d_isr").orElseThrow();
        assertEquals(MeasureType.RATIO, isr.type());
        assertEquals("observed", isr.numerator());
        assertEquals("expected", isr.denominator());
        // Trusts are compared on the 12-month basis; the monthly series are charted for systems, regions, England.
        assertEquals(FunnelMethod.NONE, isr.funnel());
        assertEquals(List.of(OrgLevel.SYSTEM, OrgLevel.REGION, OrgLevel.ENGLAND), isr.spcLevels());
        Indicator isr12 = c.byId("readmit_30d_isr_12m").orElseThrow();
        assertEquals(FunnelMethod.SR_SHMI, isr12.funnel());
        assertEquals(List.of(OrgLevel.TRUST), isr12.spcLevels());
        assertEquals(List.of(3), isr12.spcMonths());
        assertEquals(10.0, isr12.reliabilityMinimum());
        assertEquals(FunnelMethod.PR, c.byId("readmit_30d_12m").orElseThrow().funnel());
        assertEquals(10.0, c.byId("readmit_30d_isr_cells_12m").orElseThrow().reliabilityMinimum());
        assertEquals(
                List.of(OrgLevel.values()), c.byId("los_mean").orElseThrow().spcLevels());
        Indicator los = c.byId("los_mean").orElseThrow();
        assertEquals(MeasureType.MEAN, los.type());
        assertEquals("sum_squares", los.sumSquares());
        assertEquals(FunnelMethod.NONE, los.funnel());
        assertEquals(MeasureType.PROPORTION, c.byId("los_21plus").orElseThrow().type());
        assertEquals(
                List.of(
                        "readmit_30d",
                        "readmit_30d_isr",
                        "los_mean",
                        "los_21plus",
                        "readmit_30d_12m",
                        "readmit_30d_isr_12m",
                        "readmit_30d_isr_cells_12m"),
                c.forDataset(IndicatorDatasets.SPELL_MEASURES).stream()
                        .map(Indicator::id)
                        .toList());
    }

    @Test
    void spcLevelsAndMonthsAreCheckedAndDefaultToEverything() {
        Indicator plain =
                CatalogLoader.parse(files("a.yaml", GOOD)).indicators().get(0);
        assertEquals(List.of(OrgLevel.values()), plain.spcLevels());
        assertEquals(List.of(), plain.spcMonths());
        Indicator chosen = CatalogLoader.parse(files(
                        "a.yaml",
                        GOOD.replace(
                                "unit: proportion",
                                "unit: proportion\n    spc_levels: [trust]\n" + "    spc_months: [3, 9]")))
                .indicators()
                .get(0);
        assertEquals(List.of(OrgLevel.TRUST), chosen.spcLevels());
        assertEquals(List.of(3, 9), chosen.spcMonths());
        String badLevel = failing(GOOD.replace("unit: proportion", "unit: proportion\n    spc_levels: [ward]"))
                .getMessage();
        assertTrue(badLevel.contains("spc_levels: unknown organisation level 'ward'"), badLevel);
        String badMonth = failing(GOOD.replace("unit: proportion", "unit: proportion\n    spc_months: [13]"))
                .getMessage();
        assertTrue(badMonth.contains("spc_months: '13' is not a month 1-12"), badMonth);
    }

    @Test
    void aMeanNeedsItsSumOfSquaresAndNothingElseTakesOne() {
        String mean = GOOD.replace("type: proportion", "type: mean").replace("chart_type: pprime", "chart_type: xmr");
        assertTrue(failing(mean).getMessage().contains("a mean needs 'sum_squares'"), "mean without sum_squares");
        String extra = GOOD.replace("unit: proportion", "unit: proportion\n    sum_squares: att_type1");
        assertTrue(failing(extra).getMessage().contains("'sum_squares' belongs to type mean only"));
        String badColumn = mean.replace("unit: proportion", "unit: days\n    sum_squares: no_such_column");
        assertTrue(failing(badColumn).getMessage().contains("sum_squares names column 'no_such_column'"));
        IndicatorCatalog ok = CatalogLoader.parse(files(
                "a.yaml", mean.replace("unit: proportion", "unit: days\n    sum_squares: att_type1 * att_type1")));
        assertEquals(MeasureType.MEAN, ok.indicators().get(0).type());
    }

    @Test
    void reliabilityMinimaDefaultByTypeAndParseWhenGiven() {
        assertEquals(
                30.0,
                CatalogLoader.parse(files("a.yaml", GOOD)).indicators().get(0).reliabilityMinimum());
        String ratio =
                GOOD.replace("type: proportion", "type: ratio").replace("chart_type: pprime", "chart_type: uprime");
        assertEquals(
                10.0,
                CatalogLoader.parse(files("a.yaml", ratio)).indicators().get(0).reliabilityMinimum());
        String count = GOOD.replace("type: proportion", "type: count")
                .replace("    denominator: att_type1\n", "")
                .replace("chart_type: pprime", "chart_type: xmr");
        assertEquals(
                0.0,
                CatalogLoader.parse(files("a.yaml", count)).indicators().get(0).reliabilityMinimum());
        String fifty = GOOD.replace("unit: proportion", "unit: proportion\n    min_denominator: 50");
        assertEquals(
                50.0,
                CatalogLoader.parse(files("a.yaml", fifty)).indicators().get(0).reliabilityMinimum());
        String expected = ratio.replace("unit: proportion", "unit: ratio\n    min_expected: 2.5");
        assertEquals(
                2.5,
                CatalogLoader.parse(files("a.yaml", expected))
                        .indicators()
                        .get(0)
                        .reliabilityMinimum());
        String off = GOOD.replace("unit: proportion", "unit: proportion\n    min_denominator: 0");
        assertEquals(
                0.0,
                CatalogLoader.parse(files("a.yaml", off)).indicators().get(0).reliabilityMinimum());
    }

    @Test
    void aReliabilityMinimumMustBeANonNegativeNumberUnderTheKeyOfItsType() {
        assertEquals(
                List.of("bad.yaml: entry 'x_prop': min_denominator must be a number >= 0 (0 switches the rule off),"
                        + " e.g. min_denominator: 30, not '-1'"),
                failing(GOOD.replace("unit: proportion", "unit: proportion\n    min_denominator: -1"))
                        .problems());
        assertTrue(failing(GOOD.replace("unit: proportion", "unit: proportion\n    min_denominator: many"))
                .getMessage()
                .contains("min_denominator must be a number >= 0"));
        assertEquals(
                List.of("bad.yaml: entry 'x_prop': 'min_expected' does not apply to type proportion; its"
                        + " reliability minimum is 'min_denominator' (the denominator)"),
                failing(GOOD.replace("unit: proportion", "unit: proportion\n    min_expected: 10"))
                        .problems());
        String ratio =
                GOOD.replace("type: proportion", "type: ratio").replace("chart_type: pprime", "chart_type: uprime");
        assertTrue(failing(ratio.replace("unit: proportion", "unit: ratio\n    min_denominator: 30"))
                .getMessage()
                .contains("'min_denominator' does not apply to type ratio; its reliability minimum is"
                        + " 'min_expected' (the expected count)"));
        String count = GOOD.replace("type: proportion", "type: count")
                .replace("    denominator: att_type1\n", "")
                .replace("chart_type: pprime", "chart_type: xmr")
                .replace("unit: proportion", "unit: attendances\n    min_denominator: 30");
        assertEquals(
                List.of("bad.yaml: entry 'x_prop': 'min_denominator' does not apply to a count (no denominator;"
                        + " small counts are a disclosure matter); remove it"),
                failing(count).problems());
    }

    @Test
    void theShippedCatalogStatesAReliabilityMinimumForEveryIndicatorWithADenominator() throws Exception {
        java.nio.file.Path dir = SharedData.repoRoot().resolve("conf/indicators");
        IndicatorCatalog c = CatalogLoader.load(dir);
        assertEquals(10.0, c.byId("readmit_30d_isr").orElseThrow().reliabilityMinimum());
        assertEquals(30.0, c.byId("readmit_30d").orElseThrow().reliabilityMinimum());
        String text;
        try (var files = java.nio.file.Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            for (java.nio.file.Path f :
                    files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                all.append(java.nio.file.Files.readString(f));
            }
            text = all.toString();
        }
        for (Indicator i : c.indicators()) {
            if (i.type() == MeasureType.COUNT) {
                assertEquals(0.0, i.reliabilityMinimum(), i.id());
            } else {
                assertTrue(i.reliabilityMinimum() > 0, i.id());
            }
        }
        long stated = text.lines()
                .filter(l ->
                        l.strip().startsWith("min_denominator:") || l.strip().startsWith("min_expected:"))
                .count();
        assertEquals(
                c.indicators().stream()
                        .filter(i -> i.type() != MeasureType.COUNT)
                        .count(),
                stated,
                "every indicator with a denominator states its minimum in the YAML, not by default");
    }

    @Test
    void aMissingFolderSaysWhichSettingToFix() {
        CatalogException e =
                assertThrows(CatalogException.class, () -> CatalogLoader.load(java.nio.file.Path.of("no/such/folder")));
        assertTrue(e.getMessage().contains("lhs.indicators-dir"));
    }
}
