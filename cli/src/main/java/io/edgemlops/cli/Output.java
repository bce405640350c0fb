package io.edgemlops.cli;

import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a command's result Map: one JSON object with {@code --json}, otherwise indented
 * {@code key: value} lines. Also converts records to result Maps.
 */
public final class Output {

    private Output() {
    }

    /** Writes the result to {@code out}. */
    public static void print(Map<String, ?> result, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.toString(result));
        } else {
            StringBuilder text = new StringBuilder();
            writeMap(result, "", text);
            out.print(text);
        }
        out.flush();
    }

    /**
     * Indented {@code key: value} lines for people: nested maps indent, lists of plain values join
     * with commas, lists of maps become {@code -} items; short numeric matrices stay on one line.
     */
    private static void writeMap(Map<?, ?> map, String indent, StringBuilder out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object value = plain(e.getValue());
            out.append(indent).append(e.getKey()).append(':');
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                out.append('\n');
                writeMap(nested, indent + "  ", out);
            } else if (value instanceof Collection<?> list && list.stream().anyMatch(v -> plain(v) instanceof Map<?, ?>)) {
                out.append('\n');
                for (Object item : list) {
                    Object p = plain(item);
                    if (p instanceof Map<?, ?> m) {
                        StringBuilder block = new StringBuilder();
                        writeMap(m, indent + "    ", block);
                        out.append(indent).append("  - ").append(block.substring(indent.length() + 4));
                    } else {
                        out.append(indent).append("  - ").append(scalar(p)).append('\n');
                    }
                }
            } else {
                out.append(' ').append(scalar(value)).append('\n');
            }
        }
    }

    private static Object plain(Object value) {
        return value instanceof Record ? toMap(value) : value;
    }

    private static String scalar(Object value) {
        if (value == null || "".equals(value) || value instanceof Collection<?> empty && empty.isEmpty()) {
            return "-";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(v -> v instanceof Collection<?>) ? Json.toString(list)
                    : String.join(", ", list.stream().map(Output::scalar).toList());
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "-" : Json.toString(map);
        }
        return value.toString();
    }

    /** A record or bean as an ordered, mutable Map (JSON field names, nulls dropped). */
    @SuppressWarnings("unchecked")
    public static LinkedHashMap<String, Object> toMap(Object value) {
        return Json.MAPPER.convertValue(value, LinkedHashMap.class);
    }
}
