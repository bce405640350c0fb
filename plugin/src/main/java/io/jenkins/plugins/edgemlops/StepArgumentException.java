package io.jenkins.plugins.edgemlops;

/** Invalid step arguments; the message names the step and every offending parameter. */
public final class StepArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StepArgumentException(String message) {
        super(message);
    }
}
