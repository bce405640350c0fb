package io.edgemlops.cli;

import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a command's result Map: one JSON object with {@code --json}, otherwise {@code key: value}
 * lines (nested values as compact JSON). Also converts records to result Maps.
 */
public final class Output {

    private Output() {
    }

    /** Writes the result to {@code out}. */
    public static void print(Map<String, ?> result, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.toString(result));
        } else {
            for (Map.Entry<String, ?> e : result.entrySet()) {
                out.println(e.getKey() + ": " + text(e.getValue()));
            }
        }
        out.flush();
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Record) {
            return Json.toString(value);
        }
        return value.toString();
    }

    /** A record or bean as an ordered, mutable Map (JSON field names, nulls dropped). */
    @SuppressWarnings("unchecked")
    public static LinkedHashMap<String, Object> toMap(Object value) {
        return Json.MAPPER.convertValue(value, LinkedHashMap.class);
    }
}
