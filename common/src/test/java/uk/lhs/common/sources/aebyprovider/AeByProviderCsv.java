package uk.lhs.common.sources.aebyprovider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.text.CsvLine;

/**
 * Writes an A&E by-provider CSV, exactly as an analyst saves the published XLS sheet, from Monthly-AE (MSitAE)
 * provider records of the same month: booked and non-booked combined per type, within 4 hours = attendances − over 4
 * hours, the percentages to one decimal shown with two ({@code 76.00%}, {@code -} with no attendance), counts with
 * thousands separators, DTA over 4 hours = 4-12 h + 12+ h. Used to check that both formats give the same figures.
 */
public final class AeByProviderCsv {
    private AeByProviderCsv() {}

    /** The file's text (header and one line per record; no TOTAL row). */
    public static String of(List<AeProviderMonth> records) {
        StringBuilder out = new StringBuilder(CsvLine.join(AeByProviderParser.HEADER)).append("\r\n");
        for (AeProviderMonth r : records) {
            long[] att = {
                r.attType1() + r.attBookedType1(), r.attType2() + r.attBookedType2(), r.attOther() + r.attBookedOther()
            };
            long[] over = {
                r.over4hType1() + r.over4hBookedType1(),
                r.over4hType2() + r.over4hBookedType2(),
                r.over4hOther() + r.over4hBookedOther()
            };
            long attAll = att[0] + att[1] + att[2];
            long overAll = over[0] + over[1] + over[2];
            List<String> f = new ArrayList<>(List.of(r.orgCode(), r.parentOrg() + " ", r.orgName()));
            for (long a : att) {
                f.add(n(a));
            }
            f.add(n(attAll));
            for (int t = 0; t < 3; t++) {
                f.add(n(att[t] - over[t]));
            }
            f.add(n(attAll - overAll));
            for (long o : over) {
                f.add(n(o));
            }
            f.add(n(overAll));
            f.add(pct(attAll - overAll, attAll));
            for (int t = 0; t < 3; t++) {
                f.add(pct(att[t] - over[t], att[t]));
            }
            long viaAe = r.emergencyAdmType1() + r.emergencyAdmType2() + r.emergencyAdmOther();
            f.addAll(List.of(
                    n(r.emergencyAdmType1()),
                    n(r.emergencyAdmType2()),
                    n(r.emergencyAdmOther()),
                    n(viaAe),
                    n(r.emergencyAdmNotViaAe()),
                    n(viaAe + r.emergencyAdmNotViaAe()),
                    n(r.dta4to12h() + r.dtaOver12h()),
                    n(r.dtaOver12h())));
            out.append(CsvLine.join(f)).append("\r\n");
        }
        return out.toString();
    }

    private static String n(long v) {
        return String.format(Locale.UK, "%,d", v);
    }

    private static String pct(long within, long attendances) {
        if (attendances == 0) {
            return "-";
        }
        double oneDecimal = Math.round(1000.0 * within / attendances) / 10.0;
        return String.format(Locale.ROOT, "%.2f%%", oneDecimal);
    }
}
