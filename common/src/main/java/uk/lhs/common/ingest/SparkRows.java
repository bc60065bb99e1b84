package uk.lhs.common.ingest;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Values for {@link org.apache.spark.sql.Row}s built on the driver: Spark's encoders want Scala sequences. */
public final class SparkRows {
    private SparkRows() {}

    /** An array column's value. */
    public static <T> Seq<T> seq(List<T> values) {
        return values == null ? null : JavaConverters.asScalaBuffer(values).toSeq();
    }
}
