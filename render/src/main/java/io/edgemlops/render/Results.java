package io.edgemlops.render;

import io.edgemlops.contract.ResultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a result Map through the contract's keys. Results come from JSON (Jenkins' parser, Jackson, or a
 * Groovy map), so numbers may be any {@link Number} and nested values any {@link Map} or {@link List}; a missing or
 * mistyped value reads as absent, never as an exception, because a page must render whatever an older engine wrote.
 */
public final class Results {

    private Results() {
    }

    /** The value as text, or null when absent or blank. */
    public static String text(Map<String, ?> result, ResultKey key) {
        return text(result == null ? null : result.get(key.name()));
    }

    /** Any value as text, or null when absent or blank. */
    public static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A number or version formatted by {@link Units#value}, or null. */
    public static String figure(Map<String, ?> result, ResultKey key) {
        return Units.value(result == null ? null : result.get(key.name()));
    }

    /** The value as a double, NaN when absent or not a number. */
    public static double decimal(Map<String, ?> result, ResultKey key) {
        return decimal(result == null ? null : result.get(key.name()));
    }

    /** Any value as a double, NaN when not a number. */
    public static double decimal(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The value as a whole number, or {@code fallback}. */
    public static long whole(Map<String, ?> result, ResultKey key, long fallback) {
        Object value = result == null ? null : result.get(key.name());
        return value instanceof Number n ? n.longValue() : fallback;
    }

    /** True only for a Boolean true. */
    public static boolean flag(Map<String, ?> result, ResultKey key) {
        return result != null && Boolean.TRUE.equals(result.get(key.name()));
    }

    /** A nested map, or an empty one. */
    public static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** The maps of a list value, skipping anything else. */
    public static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** A list value as texts; a single non-blank value as a list of one; absent as empty. */
    public static List<String> texts(Object value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(o -> texts.add(String.valueOf(o)));
        } else if (value != null && !value.toString().isBlank()) {
            texts.add(value.toString());
        }
        return texts;
    }
}
