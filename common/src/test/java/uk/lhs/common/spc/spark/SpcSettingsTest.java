package uk.lhs.common.spc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.spc.SpcOptions;
import uk.lhs.common.vocab.ChartType;

/** The lhs.spc keys and the chart chosen per indicator; no Spark. */
class SpcSettingsTest {
    @Test
    void referenceConfDefaultsAreTheEngineDefaults() {
        SpcSettings s = SpcSettings.from(LhsConfig.defaults().raw());
        assertEquals(SpcSettings.defaults(), s);
        assertNull(s.fixAfter());
        assertEquals(SpcOptions.DEFAULT_SHIFT_LENGTH, s.shiftLength());
        assertTrue(s.screenOutliers());
    }

    @Test
    void overridesAndRebaseEntriesAreRead() {
        LhsConfig c = LhsConfig.load(
                null,
                List.of(
                        "spc.fix-after=12",
                        "spc.shift-length=6",
                        "spc.trend-length=6",
                        "spc.screen-outliers=false",
                        "spc.two-of-three-includes-beyond=true",
                        "spc.rebase=[{indicator = ae_4h, date = \"2024-04-01\"}, {indicator = ae_4h, org_code = RXA,"
                                + " date = \"2023-10-01\"}, {indicator = rtt, org_code = RXB, date = \"2022-01-01\"}]"));
        SpcSettings s = SpcSettings.from(c.raw());
        assertEquals(12, s.fixAfter());
        assertEquals(6, s.shiftLength());
        assertEquals(6, s.trendLength());
        assertEquals(false, s.screenOutliers());
        assertEquals(true, s.twoOfThreeIncludesBeyond());
        assertEquals(List.of(LocalDate.of(2023, 10, 1), LocalDate.of(2024, 4, 1)), s.rebaseDates("ae_4h", "RXA"));
        assertEquals(List.of(LocalDate.of(2024, 4, 1)), s.rebaseDates("ae_4h", "RXB"), "org_code omitted = every org");
        assertEquals(List.of(), s.rebaseDates("rtt", "RXA"));
    }

    @Test
    void malformedSettingsNameTheKey() {
        IllegalArgumentException date = assertThrows(
                IllegalArgumentException.class,
                () -> SpcSettings.from(
                        LhsConfig.load(null, List.of("spc.rebase=[{indicator = x, date = \"2024-13-01\"}]"))
                                .raw()));
        assertTrue(date.getMessage().startsWith("lhs.spc.rebase[0].date must be YYYY-MM-DD"), date.getMessage());
        IllegalArgumentException noDate = assertThrows(
                IllegalArgumentException.class,
                () -> SpcSettings.from(LhsConfig.load(null, List.of("spc.rebase=[{indicator = x}]"))
                        .raw()));
        assertTrue(noDate.getMessage().contains("needs indicator and date"), noDate.getMessage());
        IllegalArgumentException fix = assertThrows(
                IllegalArgumentException.class,
                () -> SpcSettings.from(
                        LhsConfig.load(null, List.of("spc.fix-after=0")).raw()));
        assertTrue(fix.getMessage().contains("fix-after must be at least 1"), fix.getMessage());
        IllegalArgumentException type = assertThrows(
                IllegalArgumentException.class,
                () -> SpcSettings.from(
                        LhsConfig.load(null, List.of("spc.shift-length=many")).raw()));
        assertTrue(type.getMessage().startsWith("configuration lhs.spc: "), type.getMessage());
    }

    @Test
    void chartTypeColumnWinsElseTheUnitDecides() {
        assertEquals(ChartType.P_PRIME, ChartChoice.choose(null, "proportion"));
        assertEquals(ChartType.U_PRIME, ChartChoice.choose(null, "ratio"));
        assertEquals(ChartType.XMR, ChartChoice.choose(null, "count"));
        assertEquals(ChartType.XMR, ChartChoice.choose(null, "weeks"));
        assertEquals(ChartType.XMR, ChartChoice.choose(null, "per_1000"));
        assertEquals(ChartType.XMR, ChartChoice.choose(null, null));
        assertEquals(ChartType.P_PRIME, ChartChoice.choose(" ", "proportion"), "a blank chart_type is no override");
        assertEquals(ChartType.C, ChartChoice.choose("c", "proportion"));
        assertThrows(IllegalArgumentException.class, () -> ChartChoice.choose("pie", "count"));
    }
}
