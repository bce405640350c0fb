package io.edgemlops.render;

import java.util.Map;

/**
 * One poll of the drift gate: the result it answered (as {@code awaitDriftGate} returns it and
 * {@code edge-mlops gate --once --json} prints it) and when. The result has no time of its own, so the caller gives it.
 *
 * @param epochMillis when the poll answered
 * @param result      the poll's result
 */
public record GatePoll(long epochMillis, Map<String, Object> result) {

    public GatePoll {
        result = result == null ? Map.of() : result;
    }
}
