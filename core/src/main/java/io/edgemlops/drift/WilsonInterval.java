package io.edgemlops.drift;

/**
 * The Wilson score interval of a proportion (e.g. an error rate from {@code failures} of
 * {@code trials}). Unlike the normal approximation it stays inside [0, 1] and is honest for small
 * counts and for rates near 0, which is where a gate judges error rates: 0 errors in 20 requests
 * does not prove a rate below 1 %, and the interval's upper bound (16 % at 95 %) says so.
 *
 * @param lower lower bound
 * @param upper upper bound
 */
public record WilsonInterval(double lower, double upper) {

    /** The two-sided interval at confidence {@code 1 − alpha} (e.g. alpha 0.05 for 95 %). */
    public static WilsonInterval of(long failures, long trials, double alpha) {
        if (trials < 0 || failures < 0 || failures > trials) {
            throw new IllegalArgumentException("need 0 ≤ failures ≤ trials, got " + failures + " of " + trials);
        }
        if (trials == 0) {
            return new WilsonInterval(0, 1);
        }
        double z = Normal.upperQuantile(alpha / 2);
        double n = trials;
        double p = failures / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
