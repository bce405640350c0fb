package io.edgemlops.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One wave of a rollout: a share of the fleet ({@code percent}), or a pilot of an absolute number
 * of devices ({@code count}), optionally of one target class.
 *
 * @param percent share of the fleet in percent (0, 100], or null for a pilot
 * @param count pilot size in devices, or null for a percentage wave
 * @param target a pilot's target profile, or null for any target
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Wave(Double percent, Integer count, String target) {

    /** The default waves: 5 %, 25 %, then the whole fleet. */
    public static final List<Wave> DEFAULT = List.of(percent(5), percent(25), percent(100));

    public Wave {
        if ((percent == null) == (count == null)) {
            throw new IllegalArgumentException("a wave is either a percentage or a pilot count");
        }
        if (percent != null && !(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a wave's percentage must be greater than 0 and at most 100, got "
                    + percent);
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("a pilot wave needs at least 1 device, got " + count);
        }
        if (percent != null && target != null) {
            throw new IllegalArgumentException("only a pilot wave (count) can name a target");
        }
    }

    public static Wave percent(double percent) {
        return new Wave(percent, null, null);
    }

    public static Wave pilot(int count, String target) {
        return new Wave(null, count, target);
    }

    public boolean isPilot() {
        return count != null;
    }

    /**
     * Reads a wave as a Jenkinsfile or the command line gives it: a number (percent), text such as
     * {@code 25} or {@code 25%}, a pilot as text {@code 1@jetson-nano-cpu} or {@code 2@any}, or a
     * map {@code [count: 1, target: 'jetson-nano-cpu']}.
     */
    public static Wave parse(Object value) {
        if (value instanceof Number n) {
            return percent(n.doubleValue());
        }
        if (value instanceof Map<?, ?> m) {
            Object count = m.get("count");
            Object target = m.get("target");
            Object percent = m.get("percent");
            if (percent != null && count == null) {
                return percent(toNumber(percent).doubleValue());
            }
            if (!(count instanceof Number) && !(count instanceof String)) {
                throw new IllegalArgumentException("a pilot wave needs count: N, got " + m);
            }
            return pilot(toNumber(count).intValue(), target == null ? null : target.toString());
        }
        String text = String.valueOf(value).trim();
        int at = text.indexOf('@');
        if (at >= 0) {
            String target = text.substring(at + 1).trim();
            return pilot(toNumber(text.substring(0, at)).intValue(),
                    target.isEmpty() || target.equalsIgnoreCase("any") ? null : target);
        }
        return percent(toNumber(text.endsWith("%") ? text.substring(0, text.length() - 1) : text).doubleValue());
    }

    /** Waves from a list or a comma-separated text; checks that they grow and end at 100 %. */
    public static List<Wave> parseAll(Object value) {
        List<Wave> waves = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object v : list) {
                waves.add(parse(v));
            }
        } else {
            for (String part : String.valueOf(value).split(",")) {
                if (!part.isBlank()) {
                    waves.add(parse(part));
                }
            }
        }
        check(waves);
        return List.copyOf(waves);
    }

    /** Percentages must grow and the last wave must be 100 %, or the rollout could never complete. */
    public static void check(List<Wave> waves) {
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("waves: at least one wave is needed");
        }
        double last = 0;
        for (Wave w : waves) {
            if (w.percent() != null) {
                if (w.percent() <= last) {
                    throw new IllegalArgumentException("waves: percentages must grow, got " + describe(waves));
                }
                last = w.percent();
            }
        }
        Wave end = waves.get(waves.size() - 1);
        if (end.percent() == null || end.percent() != 100) {
            throw new IllegalArgumentException("waves: the last wave must be 100 (the whole fleet), got "
                    + describe(waves));
        }
    }

    /** {@code [1@jetson-nano-cpu, 10%, 100%]}. */
    public static String describe(List<Wave> waves) {
        return waves.stream().map(Wave::toText).toList().toString();
    }

    /** {@code 25%} or {@code 1@jetson-nano-cpu}. */
    public String toText() {
        if (percent != null) {
            return (percent == Math.rint(percent) ? Long.toString(percent.longValue()) : percent.toString()) + "%";
        }
        return count + "@" + (target == null ? "any" : target);
    }

    private static Number toNumber(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(value.toString().trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("waves: '" + value + "' is not a number, a percentage or N@target");
        }
    }
}
