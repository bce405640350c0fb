package io.edgemlops.render;

/**
 * How a heading or a cell reads at a glance; each is a CSS class the report's style colours. Inside Jenkins the
 * classes are unstyled and the words ("passed", "FAILED", "ROLLED_BACK") carry the meaning alone.
 */
public enum Tone {
    /** Passed, promoted, no drift. */
    PASS("emo-pass"),
    /** Failed, rolled back, drifted. */
    FAIL("emo-fail"),
    /** Waiting or held: a person or more data must decide. */
    WAIT("emo-wait"),
    /** Neither good nor bad news. */
    INFO("emo-info");

    private final String cssClass;

    Tone(String cssClass) {
        this.cssClass = cssClass;
    }

    /** The CSS class, e.g. {@code emo-pass}. */
    public String cssClass() {
        return cssClass;
    }

    /** PASS when {@code good}, FAIL otherwise. */
    public static Tone of(boolean good) {
        return good ? PASS : FAIL;
    }
}
