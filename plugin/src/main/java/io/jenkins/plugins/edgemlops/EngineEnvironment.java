package io.jenkins.plugins.edgemlops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables handed to the engine process, taken from the build's environment only (so
 * {@code withCredentials}, {@code withAWS} and {@code withEnv} supply them). The process also inherits the agent's own
 * environment, as every process Jenkins launches does; these are the overrides the build may have set.
 */
public final class EngineEnvironment {

    /** Prefixes of the variables the engine reads: its store settings, the AWS SDK's, DJL's and PyTorch's. */
    public static final List<String> PREFIXES = List.of("EDGE_MLOPS_", "AWS_", "DJL_", "PYTORCH_");

    /** Proxy settings an S3 client may need, in both spellings. */
    public static final List<String> PROXY_VARIABLES = List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY");

    /**
     * Variables whose values must never reach the build log. {@code EDGE_MLOPS_SIGNING_KEY} holds the PEM text of the
     * key that signs what devices install (or a file's path); like every {@code EDGE_MLOPS_*} variable it reaches the
     * engine only in its environment.
     */
    public static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "EDGE_MLOPS_SIGNING_KEY");

    /** Lines of a multi-line secret shorter than this are not masked on their own (a PEM's last line may be "=="). */
    static final int MIN_MASKED_LINE = 8;

    private EngineEnvironment() {
    }

    /** The variables of {@code buildEnv} the engine reads, sorted by name. */
    public static Map<String, String> forEngine(Map<String, String> buildEnv) {
        Map<String, String> selected = new TreeMap<>();
        buildEnv.forEach((name, value) -> {
            if (value != null && isForwarded(name)) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    /**
     * The non-blank values of the secret variables, to mask in anything the engine prints. The build log is masked
     * line by line, so a multi-line value (a PEM key) is masked as each of its lines too, except the
     * {@code -----BEGIN …-----} and {@code -----END …-----} markers, which are no secret.
     */
    public static List<String> secrets(Map<String, String> buildEnv) {
        List<String> secrets = new ArrayList<>();
        for (String name : SECRET_VARIABLES) {
            String value = buildEnv.get(name);
            if (value != null && !value.isBlank()) {
                secrets.add(value);
                if (value.contains("\n")) {
                    value.lines().map(String::strip)
                            .filter(line -> line.length() >= MIN_MASKED_LINE && !line.startsWith("-----"))
                            .forEach(secrets::add);
                }
            }
        }
        return secrets;
    }

    private static boolean isForwarded(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return PROXY_VARIABLES.contains(name.toUpperCase(Locale.ROOT));
    }
}
