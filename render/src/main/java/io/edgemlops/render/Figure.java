package io.edgemlops.render;

/**
 * One key figure of a result as a label and a formatted value ("Size ratio", "3.47× smaller"), for one-line summaries
 * such as the Jenkins build's main page, where the section's full fragment is too much.
 *
 * @param label what it is
 * @param value the value, formatted by {@link Units}
 */
public record Figure(String label, String value) {
}
