package io.jenkins.plugins.edgemlops;

/** A label and an already formatted value, one row of a build-page table or list; saved with the build. */
public final class LabelledValue {

    private final String label;
    private final String value;

    public LabelledValue(String label, String value) {
        this.label = label;
        this.value = value;
    }

    public String getLabel() {
        return label;
    }

    public String getValue() {
        return value;
    }
}
