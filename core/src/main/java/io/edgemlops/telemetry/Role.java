package io.edgemlops.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the model version a record describes is the one whose outputs the device acts on. */
public enum Role {
    /** Its predictions are used. */
    @JsonProperty("serving")
    SERVING,
    /** It runs next to the serving version on the same inputs; its predictions are compared, then discarded. */
    @JsonProperty("shadow")
    SHADOW
}
