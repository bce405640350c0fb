package io.edgemlops.target;

/**
 * A device profile could not be found or is invalid. The message names the profile source (bundled
 * name or file) and, for schema errors, the offending field. Extends IllegalArgumentException
 * because it is always bad input from the user.
 */
public class TargetProfileException extends IllegalArgumentException {

    private final String source;
    private final String field;

    public TargetProfileException(String source, String field, String problem) {
        super(source + (field == null ? "" : ": field '" + field + "'") + ": " + problem);
        this.source = source;
        this.field = field;
    }

    /** The bundled profile name or the file the profile came from. */
    public String source() {
        return source;
    }

    /** The field at fault, or null when the problem is not about one field. */
    public String field() {
        return field;
    }
}
