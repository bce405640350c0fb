package io.edgemlops.data;

import java.util.Arrays;

/** A double per row, appended while reading; grows by half, so it wastes at most a third. */
final class GrowingDoubles {

    private double[] values = new double[1024];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The values, trimmed to size. */
    double[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
