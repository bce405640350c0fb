package io.edgemlops.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgemlops.runtime.DataTypes;
import io.edgemlops.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds and loads device profiles: a bundled profile by name, or a JSON file in the workspace.
 *
 * <p>Loading is strict because a silently ignored typo (say {@code latencyBudgetMs}) would let a
 * model through a check the team believes is in force: unknown fields, missing required fields,
 * wrong JSON types, zero or negative limits and unknown data type names are all rejected with a
 * {@link TargetProfileException} naming the file and the field.
 */
public final class TargetProfiles {

    /** Profiles shipped in the jar under {@code io/edgemlops/target/profiles/<name>.json}. */
    public static final List<String> BUNDLED =
            List.of("raspberry-pi-4", "raspberry-pi-zero-2w", "jetson-nano-cpu", "x86-gateway");

    private static final String RESOURCE_DIR = "/io/edgemlops/target/profiles/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private enum Kind { TEXT, POSITIVE_INT, POSITIVE_LONG, POSITIVE_NUMBER, FRACTION, NON_NEGATIVE_NUMBER,
        TEXT_LIST, DATA_TYPE_LIST }

    private record Field(Kind kind, boolean required) {
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("name", new Field(Kind.TEXT, true));
        FIELDS.put("description", new Field(Kind.TEXT, false));
        FIELDS.put("arch", new Field(Kind.TEXT, true));
        FIELDS.put("os", new Field(Kind.TEXT, true));
        FIELDS.put("runtime", new Field(Kind.TEXT, true));
        FIELDS.put("maxOpset", new Field(Kind.POSITIVE_INT, true));
        FIELDS.put("supportedOperators", new Field(Kind.TEXT_LIST, true));
        FIELDS.put("supportedDataTypes", new Field(Kind.DATA_TYPE_LIST, true));
        FIELDS.put("maxModelBytes", new Field(Kind.POSITIVE_LONG, true));
        FIELDS.put("maxMemoryBytes", new Field(Kind.POSITIVE_LONG, true));
        FIELDS.put("latencyBudgetP95Ms", new Field(Kind.POSITIVE_NUMBER, true));
        FIELDS.put("relativeSpeed", new Field(Kind.POSITIVE_NUMBER, true));
        FIELDS.put("minAccuracy", new Field(Kind.FRACTION, false));
        FIELDS.put("minR2", new Field(Kind.FRACTION, false));
        FIELDS.put("maxRmse", new Field(Kind.NON_NEGATIVE_NUMBER, false));
        FIELDS.put("sources", new Field(Kind.TEXT_LIST, false));
    }

    private TargetProfiles() {
    }

    /**
     * A bundled profile when {@code nameOrPath} is one of {@link #BUNDLED}, otherwise the JSON file at
     * that path (relative paths are resolved against {@code workspace}).
     *
     * @throws TargetProfileException when neither exists or the file is invalid
     */
    public static TargetProfile resolve(String nameOrPath, Path workspace) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new TargetProfileException("target", null, "no target given; use one of " + BUNDLED
                    + " or a path to a profile JSON file");
        }
        if (BUNDLED.contains(nameOrPath)) {
            return bundled(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (!path.isAbsolute() && workspace != null) {
            path = workspace.resolve(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new TargetProfileException(nameOrPath, null, "not a bundled profile " + BUNDLED
                    + " and no such file: " + path.toAbsolutePath().normalize());
        }
        return load(path);
    }

    /** A profile shipped in the jar. */
    public static TargetProfile bundled(String name) {
        String resource = RESOURCE_DIR + name + ".json";
        try (InputStream in = TargetProfiles.class.getResourceAsStream(resource)) {
            if (!BUNDLED.contains(name) || in == null) {
                throw new TargetProfileException(name, null, "no bundled profile of this name; bundled: " + BUNDLED);
            }
            return parse(in.readAllBytes(), "bundled profile " + name);
        } catch (IOException e) {
            throw new TargetProfileException(name, null, "cannot read bundled profile: " + e.getMessage());
        }
    }

    /** A profile from a JSON file. */
    public static TargetProfile load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TargetProfileException(file.toString(), null, "cannot read: " + e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses and validates profile JSON.
     *
     * @param source what to call the profile in error messages (file path or bundled name)
     */
    public static TargetProfile parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TargetProfileException(source, null, "not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new TargetProfileException(source, null, "cannot read: " + e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new TargetProfileException(source, null, "expected a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.containsKey(field)) {
                throw new TargetProfileException(source, field, "unknown field; allowed fields are " + FIELDS.keySet());
            }
        }
        for (Map.Entry<String, Field> spec : FIELDS.entrySet()) {
            JsonNode value = object.get(spec.getKey());
            if (value == null || value.isNull()) {
                if (spec.getValue().required()) {
                    throw new TargetProfileException(source, spec.getKey(), "missing required field");
                }
                continue;
            }
            check(source, spec.getKey(), spec.getValue().kind(), value);
        }
        String name = object.get("name").asText();
        if (!NAME.matcher(name).matches()) {
            throw new TargetProfileException(source, "name", "'" + name + "' must be 1-64 characters of a-z, 0-9, '.', '_'"
                    + " or '-', starting with a letter or digit (it is used in storage keys and report names)");
        }
        String runtime = object.get("runtime").asText();
        if (!runtime.equals("onnxruntime")) {
            throw new TargetProfileException(source, "runtime", "'" + runtime + "' is not supported; use \"onnxruntime\"");
        }
        return new TargetProfile(
                name,
                text(object, "description"),
                object.get("arch").asText(),
                object.get("os").asText(),
                runtime,
                object.get("maxOpset").asInt(),
                texts(object, "supportedOperators"),
                texts(object, "supportedDataTypes"),
                object.get("maxModelBytes").asLong(),
                object.get("maxMemoryBytes").asLong(),
                object.get("latencyBudgetP95Ms").asDouble(),
                object.get("relativeSpeed").asDouble(),
                number(object, "minAccuracy"),
                number(object, "minR2"),
                number(object, "maxRmse"),
                texts(object, "sources"));
    }

    private static void check(String source, String field, Kind kind, JsonNode value) {
        switch (kind) {
            case TEXT -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw wrongType(source, field, "a non-empty string", value);
                }
            }
            case POSITIVE_INT, POSITIVE_LONG -> {
                if (!value.isIntegralNumber() || (kind == Kind.POSITIVE_INT && !value.canConvertToInt())
                        || !value.canConvertToLong()) {
                    throw wrongType(source, field, "an integer", value);
                }
                if (value.asLong() <= 0) {
                    throw new TargetProfileException(source, field, "must be greater than 0, got " + value);
                }
            }
            case POSITIVE_NUMBER, FRACTION, NON_NEGATIVE_NUMBER -> {
                if (!value.isNumber()) {
                    throw wrongType(source, field, "a number", value);
                }
                double d = value.asDouble();
                if (!Double.isFinite(d)) {
                    throw new TargetProfileException(source, field, "must be finite, got " + value);
                }
                if (kind == Kind.POSITIVE_NUMBER && d <= 0) {
                    throw new TargetProfileException(source, field, "must be greater than 0, got " + value);
                }
                if (kind == Kind.NON_NEGATIVE_NUMBER && d < 0) {
                    throw new TargetProfileException(source, field, "must not be negative, got " + value);
                }
                if (kind == Kind.FRACTION && (d < 0 || d > 1)) {
                    throw new TargetProfileException(source, field, "must be between 0 and 1, got " + value);
                }
            }
            case TEXT_LIST, DATA_TYPE_LIST -> {
                if (!value.isArray()) {
                    throw wrongType(source, field, "an array of strings", value);
                }
                if (value.isEmpty() && kind == Kind.DATA_TYPE_LIST) {
                    throw new TargetProfileException(source, field, "must list at least one data type");
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (!item.isTextual() || item.asText().isBlank()) {
                        throw wrongType(source, field + "[" + i + "]", "a non-empty string", item);
                    }
                    if (kind == Kind.DATA_TYPE_LIST && !DataTypes.knownNames().contains(item.asText())) {
                        throw new TargetProfileException(source, field + "[" + i + "]", "unknown data type '"
                                + item.asText() + "'; known types are " + DataTypes.knownNames());
                    }
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private static TargetProfileException wrongType(String source, String field, String expected, JsonNode value) {
        return new TargetProfileException(source, field, "expected " + expected + ", got "
                + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + value);
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Double number(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    private static List<String> texts(JsonNode object, String field) {
        JsonNode value = object.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> out.add(item.asText()));
        }
        return out;
    }
}
