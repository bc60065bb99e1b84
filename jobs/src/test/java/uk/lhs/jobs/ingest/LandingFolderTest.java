package uk.lhs.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.text.Hashing;

/** The landing folder's listing: path order, symbolic links skipped (a loop cannot recurse), streamed hashes. */
class LandingFolderTest {
    @TempDir
    Path dir;

    @Test
    void listsInPathOrderNeverFollowsLinksAndHashesByStreaming() throws Exception {
        Path landing = Files.createDirectories(dir.resolve("landing"));
        Path ae = Files.createDirectories(landing.resolve("ae"));
        Files.writeString(ae.resolve("b.csv"), "x,y\n1,2\n", StandardCharsets.UTF_8);
        Files.writeString(ae.resolve("a.csv"), "x,y\n3,4\n", StandardCharsets.UTF_8);
        // a.csv is the newer file by modification time, b.csv the older: the order ignores it.
        Files.setLastModifiedTime(ae.resolve("a.csv"), FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        Files.setLastModifiedTime(ae.resolve("b.csv"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("c.csv"), "x,y\n5,6\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(landing.resolve("c.csv"), outside.resolve("c.csv"));
        Files.createSymbolicLink(landing.resolve("elsewhere"), outside);
        Files.createSymbolicLink(ae.resolve("loop"), landing);

        LandingFolder folder = new LandingFolder(landing.toString(), new Configuration());
        List<LandingFolder.Entry> files = folder.csvFiles();
        assertEquals(
                List.of("a.csv", "b.csv"),
                files.stream().map(LandingFolder.Entry::name).toList());
        assertEquals(3, folder.symlinks().size(), folder.symlinks().toString());
        assertTrue(
                folder.symlinks().stream().anyMatch(s -> s.endsWith("loop")),
                folder.symlinks().toString());
        for (LandingFolder.Entry e : files) {
            assertEquals(Hashing.sha256(folder.read(e)), folder.sha256(e));
        }
    }

    @Test
    void aLinkedLandingFolderIsItselfUsed() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("a.csv"), "x\n1\n", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("landing"), real);
        LandingFolder folder = new LandingFolder(link.toString(), new Configuration());
        assertEquals(
                List.of("a.csv"),
                folder.csvFiles().stream().map(LandingFolder.Entry::name).toList());
    }
}
