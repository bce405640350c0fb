package io.jenkins.plugins.edgemlops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a step's result into plain JDK collections ({@code LinkedHashMap}, {@code ArrayList}) before a section keeps
 * it: sections are saved with the build by XStream, which writes JDK-internal immutable collections poorly, and a
 * copy also keeps a later change of the caller's map off the page.
 */
final class PlainValues {

    private PlainValues() {
    }

    /** A deep copy of {@code result}; null becomes an empty map. */
    static LinkedHashMap<String, Object> copy(Map<String, ?> result) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        if (result != null) {
            result.forEach((k, v) -> out.put(k, value(v)));
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, e) -> out.put(String.valueOf(k), value(e)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(value(e)));
            return out;
        }
        return v;
    }
}
