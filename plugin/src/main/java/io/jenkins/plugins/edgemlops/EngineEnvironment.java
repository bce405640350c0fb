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

    /** Variables whose values must never reach the build log. */
    public static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

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

    /** The non-blank values of the secret variables, to mask in anything the engine prints. */
    public static List<String> secrets(Map<String, String> buildEnv) {
        List<String> secrets = new ArrayList<>();
        for (String name : SECRET_VARIABLES) {
            String value = buildEnv.get(name);
            if (value != null && !value.isBlank()) {
                secrets.add(value);
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
