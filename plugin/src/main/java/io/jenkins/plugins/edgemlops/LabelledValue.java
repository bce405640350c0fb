package io.jenkins.plugins.edgemlops;

import io.edgemlops.render.Figure;
import java.util.List;

/**
 * A label and an already formatted value, as the summary lines on the build's main page read them (Jelly reads
 * getters, not record accessors). Made from the renderer's {@link Figure}s when a page is shown; never saved.
 */
public final class LabelledValue {

    private final String label;
    private final String value;

    public LabelledValue(String label, String value) {
        this.label = label;
        this.value = value;
    }

    /** The figures as labelled values, in order. */
    static List<LabelledValue> of(List<Figure> figures) {
        return figures.stream().map(f -> new LabelledValue(f.label(), f.value())).toList();
    }

    public String getLabel() {
        return label;
    }

    public String getValue() {
        return value;
    }
}
