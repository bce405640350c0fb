package io.edgemlops.render;

import java.util.List;

/**
 * The gate's decision on one wave: promoted, rolled back or held, when, and why.
 *
 * @param wave        the wave, from 1
 * @param decision    {@code PROMOTED}, {@code ROLLED_BACK} or {@code HELD}
 * @param epochMillis when the poll that decided answered
 * @param reasons     one sentence per finding
 */
public record WaveDecision(int wave, String decision, long epochMillis, List<String> reasons) {

    public WaveDecision {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
