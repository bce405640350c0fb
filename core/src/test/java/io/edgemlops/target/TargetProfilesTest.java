package io.edgemlops.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;

    @Test
    void everyBundledProfileLoadsWithSaneFigures() {
        for (String name : TargetProfiles.BUNDLED) {
            TargetProfile p = TargetProfiles.resolve(name, workspace);
            assertEquals(name, p.name());
            assertEquals("onnxruntime", p.runtime());
            assertTrue(p.maxOpset() >= 17, name + " must run the opset-17 models the trainer writes");
            assertTrue(p.supportsOperator("", "Gemm") && p.supportsOperator("ai.onnx", "Relu")
                    && p.supportsOperator("", "Softmax"), name);
            assertTrue(p.supportedDataTypes().contains("float32"), name);
            assertTrue(p.relativeSpeed() >= 1.0, name);
            assertFalse(p.sources().isEmpty(), name + " must say where its figures come from");
        }
        // The slowest device has the tightest limits.
        TargetProfile zero = TargetProfiles.bundled("raspberry-pi-zero-2w");
        TargetProfile pi4 = TargetProfiles.bundled("raspberry-pi-4");
        assertTrue(zero.relativeSpeed() > pi4.relativeSpeed());
        assertTrue(zero.maxMemoryBytes() < pi4.maxMemoryBytes());
    }

    @Test
    void examplesCopiesMatchTheBundledProfiles() throws Exception {
        Path examples = Path.of("..", "examples", "targets");
        if (!Files.isDirectory(examples)) {
            return; // built outside the repository
        }
        for (String name : TargetProfiles.BUNDLED) {
            TargetProfile copy = TargetProfiles.resolve(name + ".json", examples);
            assertEquals(TargetProfiles.bundled(name), copy, name);
        }
    }

    @Test
    void aFileInTheWorkspaceIsResolvedRelativeToIt() throws Exception {
        ObjectNode profile = valid();
        profile.put("name", "my-sensor-box");
        Files.createDirectories(workspace.resolve("targets"));
        Files.write(workspace.resolve("targets/box.json"), JSON.writeValueAsBytes(profile));
        TargetProfile p = TargetProfiles.resolve("targets/box.json", workspace);
        assertEquals("my-sensor-box", p.name());
        assertEquals(3.5, p.relativeSpeed());
    }

    @Test
    void anUnknownTargetNamesTheBundledProfilesAndThePathTried() {
        TargetProfileException e = assertThrows(TargetProfileException.class,
                () -> TargetProfiles.resolve("raspberry-pi-5", workspace));
        assertTrue(e.getMessage().contains("raspberry-pi-4"), e.getMessage());
        assertTrue(e.getMessage().contains(workspace.resolve("raspberry-pi-5").toString()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown field          | latencyBudgetMs    | 2.0        | latencyBudgetMs    | unknown field",
        "wrong type (string)    | maxOpset           | \"17\"     | maxOpset           | expected an integer",
        "wrong type (fraction)  | maxModelBytes      | 1.5        | maxModelBytes      | expected an integer",
        "negative number        | maxMemoryBytes     | -1         | maxMemoryBytes     | greater than 0",
        "zero budget            | latencyBudgetP95Ms | 0          | latencyBudgetP95Ms | greater than 0",
        "zero relative speed    | relativeSpeed      | 0.0        | relativeSpeed      | greater than 0",
        "accuracy above one     | minAccuracy        | 1.5        | minAccuracy        | between 0 and 1",
        "list of numbers        | supportedOperators | [1]        | supportedOperators[0] | non-empty string",
        "unknown data type      | supportedDataTypes | [\"float32\",\"float8\"] | supportedDataTypes[1] | unknown data type 'float8'",
        "unsupported runtime    | runtime            | \"tflite\" | runtime            | not supported",
        "bad name               | name               | \"Pi 4!\"  | name               | must be",
    })
    void badFieldsAreRejectedNamingFileAndField(String what, String field, String json, String reported,
            String expected) throws Exception {
        ObjectNode profile = valid();
        profile.set(field, JSON.readTree(json));
        Path file = write(profile);
        TargetProfileException e = assertThrows(TargetProfileException.class,
                () -> TargetProfiles.resolve(file.getFileName().toString(), workspace));
        assertEquals(reported, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("field '" + reported + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws Exception {
        ObjectNode profile = valid();
        profile.remove("relativeSpeed");
        Path file = write(profile);
        TargetProfileException e = assertThrows(TargetProfileException.class, () -> TargetProfiles.load(file));
        assertEquals(file + ": field 'relativeSpeed': missing required field", e.getMessage());
    }

    @Test
    void optionalFieldsMayBeLeftOut() throws Exception {
        ObjectNode profile = valid();
        profile.remove("description");
        profile.remove("minAccuracy");
        profile.remove("sources");
        TargetProfile p = TargetProfiles.load(write(profile));
        assertEquals(null, p.minAccuracy());
        assertTrue(p.sources().isEmpty());
    }

    @Test
    void malformedJsonGivesTheFileAndPosition() throws Exception {
        Path file = workspace.resolve("broken.json");
        Files.writeString(file, "{\n  \"name\": \"x\",\n  \"arch\" \"aarch64\"\n}");
        TargetProfileException e = assertThrows(TargetProfileException.class, () -> TargetProfiles.load(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    private Path write(ObjectNode profile) throws Exception {
        Path file = workspace.resolve("profile.json");
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(profile));
        return file;
    }

    private static ObjectNode valid() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {
                  "name": "test-device",
                  "description": "a device for tests",
                  "arch": "aarch64",
                  "os": "linux",
                  "runtime": "onnxruntime",
                  "maxOpset": 17,
                  "supportedOperators": ["Gemm", "Relu", "Softmax"],
                  "supportedDataTypes": ["float32"],
                  "maxModelBytes": 1048576,
                  "maxMemoryBytes": 67108864,
                  "latencyBudgetP95Ms": 5,
                  "relativeSpeed": 3.5,
                  "minAccuracy": 0.5,
                  "sources": ["made up for tests"]
                }
                """);
    }
}
