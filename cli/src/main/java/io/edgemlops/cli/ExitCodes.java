package io.edgemlops.cli;

/** Process exit codes shared by every command (see COMMON contract and docs). */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** A check or gate failed; the result object has {@code "passed": false} and a {@code "reason"}. */
    public static final int CHECK_FAILED = 1;
    /** Bad input: unknown option, invalid value, missing file, unknown model/version/alias. */
    public static final int BAD_INPUT = 2;
    /** Store or runtime error: store unreachable, access denied, conflict, corrupt blob, engine failure. */
    public static final int RUNTIME_ERROR = 3;

    private ExitCodes() {
    }
}
