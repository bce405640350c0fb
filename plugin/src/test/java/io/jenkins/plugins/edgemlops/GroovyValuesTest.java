package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgemlops.contract.PublishToEdgeContract;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Groovy maps and wave lists, as a Jenkinsfile writes them, become the contract's values and the CLI's text. */
class GroovyValuesTest {

    private final List<String> problems = new ArrayList<>();

    private Object convert(io.edgemlops.contract.Parameter p, Object raw) {
        return GroovyValues.convert(p, raw, problems);
    }

    @Test
    void aGroovyMapKeepsItsOrderAndRendersAsNameValuePairs() {
        Map<String, Object> groovy = new LinkedHashMap<>();
        groovy.put("x86-gateway", "fp32");
        groovy.put(" raspberry-pi-4 ", "int8 ");

        Object targets = convert(PublishToEdgeContract.TARGETS, groovy);

        assertEquals(List.of(), problems);
        assertEquals(List.of("x86-gateway", "raspberry-pi-4"), List.copyOf(((Map<?, ?>) targets).keySet()));
        assertEquals("x86-gateway=fp32,raspberry-pi-4=int8", EngineArguments.render(targets));
    }

    @Test
    void theSnippetGeneratorsTextFieldGivesTheCommandLineForm() {
        assertEquals(Map.of("raspberry-pi-4", "int8", "x86-gateway", "fp32"),
                convert(PublishToEdgeContract.TARGETS, "raspberry-pi-4=int8, x86-gateway=fp32"));
        assertEquals(Map.of("raspberry-pi-4", "int8"), convert(PublishToEdgeContract.TARGETS, "[raspberry-pi-4:int8]"));
        assertNull(convert(PublishToEdgeContract.TARGETS, "a=int8,a=fp32"));
        assertNull(convert(PublishToEdgeContract.TARGETS, List.of("raspberry-pi-4")));
        assertEquals(List.of("targets (--targets) names a twice, got 'a=int8,a=fp32'",
                "targets (--targets) must be a map such as ['name': 'value'], got raspberry-pi-4"), problems);
    }

    @Test
    void numbersAndPilotMapsBecomeWaveTexts() {
        Map<String, Object> pilot = new LinkedHashMap<>();
        pilot.put("count", 1);
        pilot.put("target", "jetson-nano-cpu");
        Object waves = convert(PublishToEdgeContract.WAVES, List.of(pilot, Map.of("count", 2), 10,
                new BigDecimal("25.0"), 37.5, Map.of("percent", 50), "100%"));

        assertEquals(List.of(), problems);
        assertEquals(List.of("1@jetson-nano-cpu", "2@any", "10", "25", "37.5", "50", "100%"), waves);
        assertEquals("1@jetson-nano-cpu,2@any,10,25,37.5,50,100%", EngineArguments.render(waves));
        assertEquals(List.of("5", "25", "100"), convert(PublishToEdgeContract.WAVES, "[5, 25, 100]"));
        assertEquals(List.of("1@x", "100"), convert(PublishToEdgeContract.WAVES, "1@x,100"));
    }

    @Test
    void aMapThatIsNeitherAPilotNorAPercentageIsNamed() {
        assertNull(convert(PublishToEdgeContract.WAVES, List.of(Map.of("devices", 3), 100)));
        assertNull(convert(PublishToEdgeContract.WAVES, List.of(Map.of("count", 1, "percent", 5), 100)));
        assertNull(convert(PublishToEdgeContract.WAVES, List.of(List.of(5), 100)));
        assertEquals(List.of(
                "waves (--waves) must list percentages and pilots such as [count: 1, target: 'jetson-nano-cpu'], got "
                        + "[devices: 3]",
                "waves (--waves) must list percentages and pilots such as [count: 1, target: 'jetson-nano-cpu'], got "
                        + "[count: 1, percent: 5]",
                "waves (--waves) must list percentages and pilots such as [count: 1, target: 'jetson-nano-cpu'], got "
                        + "5"), problems.stream().map(p -> p.replace("[percent: 5, count: 1]", "[count: 1, percent: 5]"))
                .toList());
    }

    @Test
    void aFractionalPilotCountReachesTheContractsCheck() {
        Object waves = convert(PublishToEdgeContract.WAVES, List.of(Map.of("count", 1.5, "target", "x"), 100));

        assertEquals(List.of("1.5@x", "100"), waves);
        assertEquals("waves (--waves) must give a pilot as N@target with a whole N of at least 1, got '1.5@x'",
                PublishToEdgeContract.WAVES.check(waves).orElseThrow());
    }
}
