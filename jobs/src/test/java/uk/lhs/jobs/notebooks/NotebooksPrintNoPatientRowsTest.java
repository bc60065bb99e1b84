package uk.lhs.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;

/**
 * The notebooks as committed print no patient-level row: no code cell reads {@code bronze.spells} or quarantine text,
 * none displays a frame with {@code show()}, and none is saved with outputs (an executed notebook is never committed).
 * {@link NotebooksIT} checks the executed output of the one that reads {@code silver.spells}.
 */
class NotebooksPrintNoPatientRowsTest {
    /** Text that marks a cell which could print patient-level rows. */
    static final List<String> FORBIDDEN =
            List.of("bronze.spells", "silver.quarantine", "raw_text", ".show(", "pseudo_hesid", "patient_id");

    @Test
    void noCellPrintsPatientRows() throws IOException {
        Path dir = SharedData.repoRoot().resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks =
                    files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty());
        ObjectMapper json = new ObjectMapper();
        for (Path nb : notebooks) {
            int cellNo = 0;
            for (JsonNode cell : json.readTree(nb.toFile()).get("cells")) {
                cellNo++;
                if (!"code".equals(cell.get("cell_type").asText())) {
                    continue;
                }
                StringBuilder src = new StringBuilder();
                cell.get("source").forEach(line -> src.append(line.asText()));
                String code = src.toString().toLowerCase(Locale.ROOT);
                for (String f : FORBIDDEN) {
                    assertFalse(code.contains(f), nb.getFileName() + " cell " + cellNo + " uses " + f);
                }
                JsonNode outputs = cell.get("outputs");
                assertTrue(outputs == null || outputs.isEmpty(), nb.getFileName() + " is saved with outputs");
            }
            assertTrue(cellNo > 0, nb.toString());
        }
        assertEquals(3, notebooks.size(), notebooks.toString());
    }
}
