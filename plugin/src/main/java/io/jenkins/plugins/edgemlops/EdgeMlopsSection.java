package io.jenkins.plugins.edgemlops;

/**
 * One block of the build's Edge MLOps page. The block itself is drawn by the shared renderer
 * ({@code io.edgemlops.render}) from what the section keeps, through {@link #getHtml()}, so the build page shows what
 * the static report shows; each subclass's {@code section.jelly} only writes that HTML, and its {@code summary.jelly}
 * is the one line on the build's main page. Subclasses keep plain fields only (the step's result as plain maps and
 * lists), because they are saved with the build by XStream.
 */
public abstract class EdgeMlopsSection {

    /** Identity within one build: a later section with the same key replaces the earlier one. */
    public abstract String getKey();

    /** Heading of the block. */
    public abstract String getTitle();

    /** The block as HTML from the renderer, every text from the result escaped there (the view writes it raw). */
    public abstract String getHtml();

    /** False when the section records a failed check. */
    public boolean isPassed() {
        return true;
    }
}
