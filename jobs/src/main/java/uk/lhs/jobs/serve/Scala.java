package uk.lhs.jobs.serve;

import java.util.ArrayList;
import java.util.List;
import scala.collection.Iterator;
import scala.collection.Seq;

/** Scala collections as Java lists, for walking Spark's plans. */
final class Scala {
    private Scala() {}

    static <T> List<T> list(Seq<T> seq) {
        List<T> out = new ArrayList<>();
        Iterator<T> it = seq.iterator();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }
}
