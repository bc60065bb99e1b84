package uk.lhs.common.sources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Column positions of a recognised header, looked up by normalised name; shared by the dataset parsers. */
public final class Columns {
    private final String[] header;
    private final Map<String, Integer> index = new HashMap<>();

    public Columns(String[] header) {
        this.header = header.clone();
        for (int i = 0; i < header.length; i++) {
            index.putIfAbsent(Dataset.normalise(header[i]), i);
        }
    }

    /** Number of header cells. */
    public int size() {
        return header.length;
    }

    /** The header cell at a position, as published. */
    public String name(int i) {
        return header[i].trim();
    }

    /** Position of a column the dataset requires (detection guarantees it exists). */
    public int required(String name) {
        Integer i = index.get(Dataset.normalise(name));
        if (i == null) {
            throw new IllegalStateException("column '" + name + "' missing after detection");
        }
        return i;
    }

    /** Position of an optional column, or -1. */
    public int optional(String name) {
        return index.getOrDefault(Dataset.normalise(name), -1);
    }

    /**
     * Notes for columns the dataset does not define: each is ignored, and the note says whether it held any values
     * (the Sep 2024 Monthly-AE file has six empty trailing columns, one headed {@code a}).
     */
    public List<String> unknownColumnNotes(Collection<Integer> known, List<RawRow> rows) {
        Set<Integer> k = new HashSet<>(known);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (k.contains(i)) {
                continue;
            }
            int nonBlank = 0;
            for (RawRow r : rows) {
                String v = r.value(i);
                if (v != null && !v.isBlank()) {
                    nonBlank++;
                }
            }
            notes.add("column " + (i + 1) + " '" + header[i].trim() + "' is not part of the dataset: ignored ("
                    + (nonBlank == 0 ? "blank in every row" : nonBlank + " non-blank values") + ")");
        }
        return notes;
    }
}
