package io.jenkins.plugins.edgemlops;

/**
 * One block of the build's Edge MLOps page. Each subclass has its own {@code section.jelly} (the full block) and
 * {@code summary.jelly} (one line on the build's main page); views of this class are the fallback.
 * Subclasses are plain immutable classes with plain fields, because they are saved with the build (XStream).
 */
public abstract class EdgeMlopsSection {

    /** Identity within one build: a later section with the same key replaces the earlier one. */
    public abstract String getKey();

    /** Heading of the block. */
    public abstract String getTitle();

    /** False when the section records a failed check. */
    public boolean isPassed() {
        return true;
    }
}
