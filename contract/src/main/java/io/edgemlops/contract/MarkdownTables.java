package io.edgemlops.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter and result tables of {@code docs/steps/<function>.md}, rendered from the contract. A page holds each
 * table between {@code <!-- contract:parameters -->} (or {@code contract:results}) and {@code <!-- /contract -->};
 * a test fails when a page's table differs, and {@link #main} rewrites them.
 */
public final class MarkdownTables {

    private static final Pattern BLOCK =
            Pattern.compile("(<!-- contract:(parameters|results) -->\n)(.*?)(<!-- /contract -->)", Pattern.DOTALL);

    private MarkdownTables() {
    }

    /** Rewrites the tables of every step page under {@code args[0]} (the {@code docs/steps} folder). */
    public static void main(String[] args) throws IOException {
        for (StepContract step : StepContracts.ALL) {
            Path page = Path.of(args[0]).resolve(step.function() + ".md");
            Files.writeString(page, withTables(Files.readString(page, StandardCharsets.UTF_8), step),
                    StandardCharsets.UTF_8);
        }
    }

    /** The page with its marked tables replaced by the contract's. */
    public static String withTables(String page, StepContract step) {
        Matcher m = BLOCK.matcher(page);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String table = m.group(2).equals("parameters") ? parameters(step) : results(step);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Parameter, CLI flag, default, meaning. */
    public static String parameters(StepContract step) {
        StringBuilder out = new StringBuilder("| parameter | CLI flag | default | meaning |\n|---|---|---|---|\n");
        for (Parameter p : step.parameters()) {
            String name = p.surface().inPipeline() ? "`" + p.name() + "`" + (p.required() ? " (required)" : "") : "";
            String flag = p.surface().inCli() ? "`" + p.cliFlag() + "`" : "(plugin only)";
            String def = p.required() || p.defaultDescription() == null ? "" : p.defaultDescription();
            String meaning = p.help() + (p.rule() == null ? "" : " Must be " + p.rule() + ".");
            out.append("| ").append(name).append(" | ").append(flag).append(" | ").append(Markup.markdownCell(def))
                    .append(" | ").append(Markup.markdownCell(meaning)).append(" |\n");
        }
        return out.toString();
    }

    /** Key, meaning. */
    public static String results(StepContract step) {
        StringBuilder out = new StringBuilder("| key | meaning |\n|---|---|\n");
        for (ResultKey r : step.results()) {
            out.append("| `").append(r.name()).append("` | ").append(Markup.markdownCell(r.help()))
                    .append(r.always() ? "" : " (only when it applies)").append(" |\n");
        }
        return out.toString();
    }
}
