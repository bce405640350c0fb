package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's JSON result becomes plain JDK values that the Groovy sandbox reads without approvals. */
class EngineResultParserTest {

    @Test
    void valuesBecomeSandboxFriendlyJdkTypesInTheEnginesOrder() {
        LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"passed":true,"version":3,"sizeBytes":81234567890,"huge":123456789012345678901234567890,
                 "accuracy":0.93,"target":"raspberry-pi-4","note":null,
                 "checks":[{"name":"latency","passed":true}],"hidden":[64,32],"ratio":1e-3}
                """);

        assertEquals(List.of("passed", "version", "sizeBytes", "huge", "accuracy", "target", "note", "checks",
                "hidden", "ratio"), List.copyOf(result.keySet()));
        assertEquals(Boolean.TRUE, result.get("passed"));
        assertEquals(Integer.valueOf(3), result.get("version"));
        assertEquals(Long.valueOf(81234567890L), result.get("sizeBytes"));
        assertEquals(new BigInteger("123456789012345678901234567890"), result.get("huge"));
        assertEquals(Double.valueOf(0.93), result.get("accuracy"));
        assertEquals(Double.valueOf(0.001), result.get("ratio"));
        assertEquals("raspberry-pi-4", result.get("target"));
        assertTrue(result.containsKey("note"));
        assertNull(result.get("note"));
        List<?> checks = assertInstanceOf(ArrayList.class, result.get("checks"));
        Map<?, ?> check = assertInstanceOf(LinkedHashMap.class, checks.get(0));
        assertEquals("latency", check.get("name"));
        assertEquals(List.of(64, 32), result.get("hidden"));
    }

    @Test
    void surroundingWhitespaceIsFine() {
        assertEquals(Map.of("ok", true), EngineResultParser.parse("\n  {\"ok\": true}\n\n"));
    }

    @Test
    void anythingButExactlyOneObjectIsRejectedWithTheReason() {
        assertEquals("the engine printed no result on stdout",
                assertThrows(IllegalArgumentException.class, () -> EngineResultParser.parse(" ")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EngineResultParser.parse("[1,2]"))
                .getMessage().contains("does not start with a JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EngineResultParser.parse("{\"a\":1}\n{\"b\":2}")).getMessage().contains("text after"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EngineResultParser.parse("{\"a\":")).getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EngineResultParser.parse("Downloading...\n{\"a\":1}")).getMessage()
                .contains("Downloading..."));
    }
}
