package io.edgemlops.quantize;

/** How an activation's quantization range is taken from its calibration values. */
public enum CalibrationMethod {
    /** The smallest and largest value seen. */
    MINMAX,
    /** The given lower and upper percentiles, so that rare outliers do not stretch the range. */
    PERCENTILE
}
