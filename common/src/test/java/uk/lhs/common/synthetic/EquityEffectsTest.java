package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.text.CsvLine;

class EquityEffectsTest {
    @Test
    void theEquityInterventionIsRegisteredAndItsTruthIsConcentratedInTheMostDeprived(@TempDir Path tmp)
            throws IOException {
        GeneratorOptions opts = GeneratorOptions.defaults()
                .withSize(30, 36, 30_000)
                .withSpellFiles(
                        100_000, uk.lhs.common.testing.SharedData.repoRoot().resolve("conf/schemas/spell.avsc"));
        SyntheticGenerator.generate(opts, tmp);
        Organisations orgs = Organisations.build(opts);
        SyntheticRegister register = SyntheticRegister.build(opts, orgs);
        PlannedIntervention equity =
                register.interventions().get(register.interventions().size() - 1);
        assertEquals(EquityEffects.ID, equity.id());
        assertEquals(List.of("readmit_30d"), equity.indicators());
        // Kept out of the defect-free set, so the defects (and every other file) are those of the register without it.
        assertFalse(register.involvedTrusts().contains(equity.scopeTrusts().get(0)));
        assertTrue(Fixtures.lines(tmp.resolve("interventions.yaml")).contains("- id: " + EquityEffects.ID));

        List<String> lines = Fixtures.lines(tmp.resolve("truth/equity_effects.csv"));
        assertEquals(EquityEffects.TRUTH_HEADER, lines.get(0));
        Map<String, Double> truth = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = CsvLine.split(l);
            truth.put(f.get(0) + "|" + f.get(1) + "|" + f.get(2) + "|" + f.get(4), Double.parseDouble(f.get(5)));
        }
        String t = EquityEffects.ID + "|trust|" + equity.scopeTrusts().get(0) + "|";
        double q1 = truth.get(t + "imd_q1");
        double q2 = truth.get(t + "imd_q2");
        // The clamp at 0 absorbs a little of the −0.05 for patients at lower risk than that.
        assertTrue(q1 < -0.04 && q1 >= -0.05, "q1 " + q1);
        assertTrue(q2 < -0.02 && q2 >= -0.025, "q2 " + q2);
        for (String q : List.of("imd_q3", "imd_q4", "imd_q5")) {
            assertEquals(0, truth.get(t + q), 0);
        }
        assertEquals(q1 - truth.get(t + "imd_q5"), truth.get(t + "gap_q1_q5"), 1e-6);
        // The SII rises (the most deprived end falls): about −(q1·(−0.4) + q2·(−0.2))/0.08·0.2 with equal shares.
        assertTrue(truth.get(t + "sii") > 0.05 && truth.get(t + "sii") < 0.08, "sii " + truth.get(t + "sii"));
        // The null readmission intervention has no shift in any subgroup.
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            if (e.getKey().startsWith("INT-007|")) {
                assertEquals(0, e.getValue(), 0, e.getKey());
            }
        }
        // The system-wide one (−0.02 for everyone) has a system row and a row per member trust.
        assertTrue(truth.keySet().stream().anyMatch(k -> k.startsWith("INT-010|system|")));
        assertTrue(truth.keySet().stream()
                        .filter(k -> k.startsWith("INT-010|trust|") && k.endsWith("|all"))
                        .count()
                >= 1);
    }
}
