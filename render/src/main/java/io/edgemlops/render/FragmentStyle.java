package io.edgemlops.render;

/**
 * The style of the fragments themselves: verdict colours, the tone bar beside a section's heading, muted labels and
 * notes, and charts that shrink with the page. Both pages use it: the report inside its own style sheet, the Jenkins
 * build page in a {@code <style>} element, where Jenkins' own colour variables ({@code --success-color},
 * {@code --error-color}, {@code --warning-color}) win, so verdicts follow the light or dark theme; the fallbacks
 * are the report's colours. Tables are left to the page (Jenkins draws {@code jenkins-table} its own way).
 */
public final class FragmentStyle {

    /** The rules, for a {@code <style>} element. */
    public static final String CSS = """
            .emo-block .emo-pass{color:var(--success-color,#1e7d32)}
            .emo-block .emo-fail{color:var(--error-color,#c62828)}
            .emo-block .emo-wait{color:var(--warning-color,#b26a00)}
            .emo-block h2.emo-heading{color:inherit;padding-left:10px;border-left:4px solid var(--accent-color,#1f5fae)}
            .emo-block h2.emo-heading.emo-pass{border-left-color:var(--success-color,#1e7d32)}
            .emo-block h2.emo-heading.emo-fail{border-left-color:var(--error-color,#c62828)}
            .emo-block h2.emo-heading.emo-wait{border-left-color:var(--warning-color,#b26a00)}
            .emo-block .emo-label,.emo-block .emo-note{opacity:.75}
            .emo-block figure.emo-chart{margin:12px 0 18px}
            .emo-block figure.emo-chart figcaption{font-weight:600;margin-bottom:4px}
            .emo-block figure.emo-chart svg{max-width:100%;height:auto}
            """;

    private FragmentStyle() {
    }
}
