package io.edgemlops.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each step's Snippet Generator files ({@code config.jelly}, {@code help.html}, {@code help-<parameter>.html})
 * from its contract, so the form and the help can never disagree with what the step accepts. The plugin build runs
 * {@link #main} at generate-resources; Jenkins finds the files next to the step class
 * ({@code io/jenkins/plugins/edgemlops/TrainModelStep/help-epochs.html}).
 */
public final class JenkinsHelpFiles {

    /** Package of the step classes, as a resource path. */
    public static final String STEP_PACKAGE_PATH = "io/jenkins/plugins/edgemlops";

    private JenkinsHelpFiles() {
    }

    /** Writes every step's files under {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        for (StepContract step : StepContracts.ALL) {
            for (Map.Entry<String, String> file : filesOf(step).entrySet()) {
                Path path = root.resolve(STEP_PACKAGE_PATH).resolve(stepClassName(step)).resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The step's class name by convention: {@code trainModel} is {@code TrainModelStep}. */
    public static String stepClassName(StepContract step) {
        return Character.toUpperCase(step.function().charAt(0)) + step.function().substring(1) + "Step";
    }

    /** File name to content, for one step. */
    public static Map<String, String> filesOf(StepContract step) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("config.jelly", configJelly(step));
        files.put("help.html", stepHelp(step));
        for (Parameter p : step.pipelineParameters()) {
            files.put("help-" + p.name() + ".html", parameterHelp(p));
        }
        return files;
    }

    /** The help of one parameter, wrapped in a {@code div} as the Pipeline Syntax page expects. */
    public static String parameterHelp(Parameter p) {
        StringBuilder out = new StringBuilder("<div>\n  <p>").append(Markup.html(HelpText.of(p))).append("</p>\n");
        if (p.surface().inCli()) {
            out.append("  <p>Command line: <code>").append(p.cliFlag()).append("</code>.</p>\n");
        }
        return out.append("</div>\n").toString();
    }

    /** The step's help: its summary, an example, and the equivalent command. */
    public static String stepHelp(StepContract step) {
        StringBuilder out = new StringBuilder("<div>\n");
        for (String paragraph : Markup.paragraphs(step.summary())) {
            out.append("  <p>").append(Markup.html(paragraph)).append("</p>\n");
        }
        out.append("  <pre>").append(Markup.html(step.example().replace("`", "'"))).append("</pre>\n");
        out.append("  <p>The same on the command line: <code>edge-mlops ").append(step.command())
                .append("</code> with each parameter as a flag in kebab-case (<code>batchSize</code> is "
                        + "<code>--batch-size</code>).</p>\n");
        return out.append("</div>\n").toString();
    }

    /** The Snippet Generator form: required parameters first, the optional ones under "Advanced". */
    public static String configJelly(StepContract step) {
        StringBuilder out = new StringBuilder("<?jelly escape-by-default='true'?>\n")
                .append("<!-- Generated from the step's contract (JenkinsHelpFiles): do not edit. -->\n")
                .append("<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">\n");
        for (Parameter p : step.pipelineParameters()) {
            if (p.required()) {
                out.append(entry(p, "  "));
            }
        }
        out.append("  <f:advanced>\n");
        for (Parameter p : step.pipelineParameters()) {
            if (!p.required()) {
                out.append(entry(p, "    "));
            }
        }
        return out.append("  </f:advanced>\n</j:jelly>\n").toString();
    }

    private static String entry(Parameter p, String indent) {
        String control = p.type() == ParameterType.FLAG
                ? "<f:checkbox default=\"" + Boolean.TRUE.equals(p.defaultValue()) + "\"/>"
                : "<f:textbox/>";
        return indent + "<f:entry field=\"" + p.name() + "\" title=\"${%" + p.title() + "}\">\n"
                + indent + "  " + control + "\n" + indent + "</f:entry>\n";
    }
}
