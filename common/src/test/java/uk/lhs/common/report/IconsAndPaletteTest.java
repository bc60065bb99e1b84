package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IconsAndPaletteTest {
    @Test
    void variationIconsFollowMakingDataCountColoursAndLetters() {
        assertEquals(Palette.CONCERN, Icons.variation("concern_high").colour());
        assertEquals("H", Icons.variation("concern_high").glyph());
        assertEquals(Palette.CONCERN, Icons.variation("concern_low").colour());
        assertEquals("L", Icons.variation("concern_low").glyph());
        assertEquals(Palette.IMPROVEMENT, Icons.variation("improvement_high").colour());
        assertEquals("H", Icons.variation("improvement_high").glyph());
        assertEquals(Palette.IMPROVEMENT, Icons.variation("improvement_low").colour());
        assertEquals("L", Icons.variation("improvement_low").glyph());
        assertEquals(Palette.COMMON, Icons.variation("common_cause").colour());
        assertEquals(Palette.NEUTRAL, Icons.variation("neutral_low").colour());
        assertTrue(Icons.variation(null).words().contains("not assessed"));
    }

    @Test
    void assuranceIconsPassFailInconsistentOrNone() {
        assertEquals("P", Icons.assurance("pass").glyph());
        assertEquals(Palette.IMPROVEMENT, Icons.assurance("pass").colour());
        assertEquals("F", Icons.assurance("fail").glyph());
        assertEquals(Palette.CONCERN, Icons.assurance("fail").colour());
        assertEquals("?", Icons.assurance("inconsistent").glyph());
        assertNull(Icons.assurance("none"));
        assertNull(Icons.assurance(""));
        assertTrue(Icons.assuranceSvg(null).contains("no target"));
    }

    @Test
    void iconSvgCarriesTitleAriaLabelAndEscapedCode() {
        String svg = Icons.variationSvg("concern_high");
        assertTrue(svg.startsWith("<svg "));
        assertTrue(svg.contains("role=\"img\""));
        assertTrue(svg.contains("aria-label=\"Special-cause concern: significantly higher, and lower is better\""));
        assertTrue(svg.contains("<title>Special-cause concern"));
        assertTrue(svg.contains("fill=\"" + Palette.CONCERN + "\""));
        assertTrue(svg.contains(">H</text>"));
        assertTrue(Icons.variationSvg("\"><script>").contains("data-code=\"&quot;&gt;&lt;script&gt;\""));
    }

    @Test
    void contrastMatchesPublishedWcagValues() {
        // WCAG 2.1: black on white is 21:1; #777777 on white is the classic 4.48:1 just-fail.
        assertEquals(21.0, Palette.contrast("#000000", "#ffffff"), 1e-9);
        assertEquals(4.48, Palette.contrast("#777777", "#ffffff"), 0.01);
        assertEquals(1.0, Palette.contrast("#005eb8", "#005eb8"), 1e-9);
    }

    @Test
    void everyIconColourMeetsWcagAaForWhiteLettersAndAgainstThePage() {
        for (String c : new String[] {
            Palette.CONCERN,
            Palette.IMPROVEMENT,
            Palette.COMMON,
            Palette.NEUTRAL,
            Palette.TARGET,
            Palette.LIMIT,
            Palette.TEXT
        }) {
            assertTrue(Palette.contrast(c, "#ffffff") >= 4.5, c + " vs white: " + Palette.contrast(c, "#ffffff"));
        }
        // The printed MDC orange fails AA with white text: the reason the palette darkens it.
        assertTrue(Palette.contrast("#ed8b00", "#ffffff") < 4.5);
    }
}
