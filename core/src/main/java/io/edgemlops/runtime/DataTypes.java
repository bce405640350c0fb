package io.edgemlops.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Names of ONNX tensor element types as they appear in profiles and reports, and their sizes.
 * Codes follow the ONNX {@code TensorProto.DataType} numbering.
 */
public final class DataTypes {

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();
    private static final Map<Integer, Integer> SIZES = new LinkedHashMap<>();

    static {
        add(1, "float32", 4);
        add(2, "uint8", 1);
        add(3, "int8", 1);
        add(4, "uint16", 2);
        add(5, "int16", 2);
        add(6, "int32", 4);
        add(7, "int64", 8);
        add(8, "string", 0);
        add(9, "bool", 1);
        add(10, "float16", 2);
        add(11, "float64", 8);
        add(12, "uint32", 4);
        add(13, "uint64", 8);
        add(16, "bfloat16", 2);
    }

    private DataTypes() {
    }

    private static void add(int code, String name, int size) {
        NAMES.put(code, name);
        SIZES.put(code, size);
    }

    /** Profile name of an element type code, or {@code type-<code>} for codes we do not know. */
    public static String name(int code) {
        return NAMES.getOrDefault(code, "type-" + code);
    }

    /** Size of one element in bytes (0 for strings and unknown codes). */
    public static int size(int code) {
        return SIZES.getOrDefault(code, 0);
    }

    /** Every name a profile may list. */
    public static Set<String> knownNames() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(NAMES.values()));
    }
}
