package io.edgemlops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Versions of the engine and the libraries that shape a model's numbers, recorded in its lineage. */
public final class ToolVersions {

    private static final Map<String, String> VERSIONS = load();

    private ToolVersions() {
    }

    /** Component name ({@code edge-mlops}, {@code djl}, {@code pytorch}, {@code onnxruntime}) to version. */
    public static Map<String, String> all() {
        return VERSIONS;
    }

    /** The engine's own version. */
    public static String engine() {
        return VERSIONS.getOrDefault("edge-mlops", "unknown");
    }

    private static Map<String, String> load() {
        Properties p = new Properties();
        try (InputStream in = ToolVersions.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return Map.copyOf(out);
    }
}
