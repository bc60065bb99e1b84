package uk.lhs.common.report;

/**
 * A linear map from a data interval onto a pixel interval (the y axis runs downwards, so a y scale has
 * {@code rangeFrom > rangeTo}).
 *
 * @param domainFrom data value drawn at {@code rangeFrom}
 * @param domainTo data value drawn at {@code rangeTo}
 * @param rangeFrom pixel position of {@code domainFrom}
 * @param rangeTo pixel position of {@code domainTo}
 */
public record LinearScale(double domainFrom, double domainTo, double rangeFrom, double rangeTo) {
    public LinearScale {
        if (!(Double.isFinite(domainFrom) && Double.isFinite(domainTo)) || domainFrom == domainTo) {
            throw new IllegalArgumentException("empty or non-finite domain " + domainFrom + ".." + domainTo);
        }
    }

    /** The pixel position of a data value. */
    public double map(double value) {
        return rangeFrom + (value - domainFrom) / (domainTo - domainFrom) * (rangeTo - rangeFrom);
    }

    /**
     * A scale over {@code [min, max]} padded by 5% each side, so no point sits on the plot's edge; a single value gets
     * a band of ±1 (or ±10% of it).
     */
    public static LinearScale padded(double min, double max, double rangeFrom, double rangeTo) {
        double lo = min;
        double hi = max;
        if (hi - lo <= 0) {
            double half = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= half;
            hi += half;
        }
        double pad = (hi - lo) * 0.05;
        return new LinearScale(lo - pad, hi + pad, rangeFrom, rangeTo);
    }

    /**
     * About {@code count} round tick values inside the domain, 1, 2 or 5 times a power of ten apart, chosen as d3-array's
     * {@code tickStep} does (the multiple nearest the raw step on a log scale: thresholds sqrt(50), sqrt(10), sqrt(2)).
     */
    public double[] ticks(int count) {
        double lo = Math.min(domainFrom, domainTo);
        double hi = Math.max(domainFrom, domainTo);
        double raw = (hi - lo) / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double error = raw / mag;
        double step = mag * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
            if (Math.abs(t[i]) < step * 1e-9) {
                t[i] = 0;
            }
        }
        return t;
    }
}
