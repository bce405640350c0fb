package io.edgemlops.contract;

/**
 * One key of a step's result Map, as a Jenkinsfile reads it ({@code t.version}) and the CLI prints it with
 * {@code --json}. The engine writes results through these keys and the build page reads them through the same ones.
 *
 * @param name the key
 * @param always whether every successful run (and every failed check) carries it
 * @param title how the build page labels it, e.g. "Holdout rows"
 * @param help what it holds, for the docs; {@code `code`} marks literal text
 */
public record ResultKey(String name, boolean always, String title, String help) {

    /** A key every result carries. */
    public static ResultKey always(String name, String title, String help) {
        return new ResultKey(name, true, title, help);
    }

    /** A key present only in some results (e.g. {@code accuracy} for classification only). */
    public static ResultKey sometimes(String name, String title, String help) {
        return new ResultKey(name, false, title, help);
    }

    @Override
    public String toString() {
        return name;
    }
}
