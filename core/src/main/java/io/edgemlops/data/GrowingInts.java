package io.edgemlops.data;

import java.util.Arrays;

/** An int per row, appended while reading; grows by half, so it wastes at most a third. */
final class GrowingInts {

    private int[] values = new int[1024];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The values, trimmed to size. */
    int[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
