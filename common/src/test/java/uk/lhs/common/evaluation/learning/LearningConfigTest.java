package uk.lhs.common.evaluation.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.evaluation.meta.MetaMethod;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.spark.LearningRows;

class LearningConfigTest {
    @Test
    void poolingDefaultsToRemlWithTheNormalInterval() {
        LhsConfig c = LhsConfig.load(null, List.of());
        assertEquals("reml", c.learningMethod());
        assertFalse(c.learningHartungKnapp());
        assertEquals(MetaOptions.reml(), LearningRows.options(c.learningMethod(), c.learningHartungKnapp()));
    }

    @Test
    void dlOrFeAndHartungKnappAreSettings() {
        LhsConfig c = LhsConfig.load(null, List.of("learning.method=DL", "learning.hartung-knapp=true"));
        assertEquals(
                new MetaOptions(MetaMethod.DL, true),
                LearningRows.options(c.learningMethod(), c.learningHartungKnapp()));
        assertEquals(
                MetaMethod.FE,
                LearningRows.options(
                                LhsConfig.load(null, List.of("learning.method=fe"))
                                        .learningMethod(),
                                false)
                        .method());
    }

    @Test
    void anUnknownMethodIsRefusedSayingWhatToWrite() {
        LhsConfig.ConfigError e = assertThrows(
                LhsConfig.ConfigError.class,
                () -> LhsConfig.load(null, List.of("learning.method=bayes")).learningMethod());
        assertTrue(e.getMessage().contains("write reml (default), dl or fe"), e.getMessage());
    }
}
