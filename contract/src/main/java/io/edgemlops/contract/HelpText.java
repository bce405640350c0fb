package io.edgemlops.contract;

/** The complete help of one parameter in the contract's markup: what it is, the rule, the default, the CLI flag. */
public final class HelpText {

    private HelpText() {
    }

    /** For the Snippet Generator and the docs: every sentence a user needs about the parameter. */
    public static String of(Parameter p) {
        StringBuilder out = new StringBuilder(p.help());
        String rule = p.rule();
        if (rule != null) {
            out.append(" Must be ").append(rule).append('.');
        }
        if (p.required()) {
            out.append(" Required.");
        } else if (p.defaultDescription() != null) {
            out.append(" Default: ").append(p.defaultDescription()).append('.');
        }
        return out.toString();
    }

    /** For {@code edge-mlops <command> --help}: one line, no markup. */
    public static String forCli(Parameter p) {
        return Markup.plain(of(p));
    }
}
