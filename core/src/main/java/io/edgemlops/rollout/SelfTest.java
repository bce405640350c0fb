package io.edgemlops.rollout;

import java.util.List;
import java.util.Map;

/**
 * Rows a device runs through a freshly downloaded model before serving it, and the outputs the
 * publisher got from the same file: a model that loads but computes something else (a truncated
 * or mis-converted file, a runtime that differs) is caught before it serves a single request.
 * Outputs match when every value is within {@code tolerance} of the expected one, relative to its
 * magnitude when that exceeds 1, and for classifiers the top class is the same.
 *
 * @param inputs encoded input rows
 * @param expected per target profile, the expected output rows of that target's variant
 * @param tolerance largest difference allowed per value
 */
public record SelfTest(List<float[]> inputs, Map<String, List<float[]>> expected, double tolerance) {

    /** The default tolerance: int8 kernels differ slightly between CPU families. */
    public static final double DEFAULT_TOLERANCE = 0.05;
}
