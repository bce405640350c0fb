package io.edgemlops.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The device's own view of the model it runs, as of the end of a window.
 *
 * @param status {@code ok}, or {@code degraded} when the device noticed trouble (failed self-test, errors,
 *               fallback to the previous model...)
 * @param selfTestPassed whether the last health self-test of the model passed
 */
public record Health(Status status, boolean selfTestPassed) {

    /** Healthy, last self-test passed. */
    public static final Health OK = new Health(Status.OK, true);

    /** Overall status. */
    public enum Status {
        @JsonProperty("ok")
        OK,
        @JsonProperty("degraded")
        DEGRADED
    }

    public Health {
        Objects.requireNonNull(status, "health status");
    }

    /** The worse of two: degraded if either is, self-test passed only if both passed (null counts as unknown). */
    public Health worst(Health other) {
        if (other == null) {
            return this;
        }
        Status s = status == Status.DEGRADED || other.status == Status.DEGRADED ? Status.DEGRADED : Status.OK;
        return new Health(s, selfTestPassed && other.selfTestPassed);
    }
}
