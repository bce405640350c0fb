package io.jenkins.plugins.edgemlops;

import io.edgemlops.contract.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders step parameters as engine flags: {@code --batch-size} with 64 becomes {@code --batch-size=64}, a list becomes
 * a comma-separated value, {@code true} a bare flag. Absent values ({@code null}, {@code false}) produce nothing, so the
 * engine's own defaults apply. The {@code --name=value} form keeps a value that starts with '-' from reading as a flag.
 */
public final class EngineArguments {

    private final List<String> rendered = new ArrayList<>();

    /** Adds one flag ({@code --batch-size}); see the class comment for how each value type is rendered. */
    public EngineArguments add(String flag, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return this;
        }
        if (Boolean.TRUE.equals(value)) {
            rendered.add(flag);
        } else {
            rendered.add(flag + "=" + render(value));
        }
        return this;
    }

    /** The flags in the order they were added. */
    public List<String> toList() {
        return List.copyOf(rendered);
    }

    static String render(Object value) {
        // Plain decimal notation: 1.0E-4 would be valid for Double.parseDouble, but 0.0001 is what users wrote.
        return Values.plain(value);
    }
}
