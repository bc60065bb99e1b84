package uk.lhs.jobs.report;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/** Null-safe reads of one cell of a collected row, by column name. */
final class Cells {
    private Cells() {}

    static boolean has(Row r, String col) {
        return Arrays.asList(r.schema().fieldNames()).contains(col);
    }

    static String str(Row r, String col) {
        if (!has(r, col)) {
            return null;
        }
        Object v = r.getAs(col);
        return v == null ? null : v.toString();
    }

    static Double dbl(Row r, String col) {
        if (!has(r, col)) {
            return null;
        }
        Object v = r.getAs(col);
        return v == null ? null : ((Number) v).doubleValue();
    }

    static Integer integer(Row r, String col) {
        if (!has(r, col)) {
            return null;
        }
        Object v = r.getAs(col);
        return v == null ? null : ((Number) v).intValue();
    }

    static Long lng(Row r, String col) {
        if (!has(r, col)) {
            return null;
        }
        Object v = r.getAs(col);
        return v == null ? null : ((Number) v).longValue();
    }

    static boolean bool(Row r, String col) {
        Object v = has(r, col) ? r.getAs(col) : null;
        return v != null && (Boolean) v;
    }

    static LocalDate date(Row r, String col) {
        if (!has(r, col)) {
            return null;
        }
        Object v = r.getAs(col);
        if (v == null) {
            return null;
        }
        return v instanceof LocalDate d ? d : ((Date) v).toLocalDate();
    }

    static List<String> strings(Row r, String col) {
        List<String> out = new ArrayList<>();
        if (has(r, col) && r.getAs(col) != null) {
            for (Object o : r.getList(r.fieldIndex(col))) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        }
        return out;
    }

    static List<Row> rows(Row r, String col) {
        if (!has(r, col) || r.getAs(col) == null) {
            return List.of();
        }
        List<Row> out = new ArrayList<>();
        for (Object o : r.getList(r.fieldIndex(col))) {
            if (o != null) {
                out.add((Row) o);
            }
        }
        return out;
    }
}
