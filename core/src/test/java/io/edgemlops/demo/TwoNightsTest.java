package io.edgemlops.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.gate.GateDecision;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's two nights end to end on the embedded server, in accelerated time, with a fleet of 40 devices: the
 * decisions, the registry's state afterwards and its audit trail.
 */
class TwoNightsTest {

    @TempDir
    Path dir;

    @Test
    void nightOnePromotesNightTwoRetrainsOnDriftAndPromotesThenRollsBackTheBadVersion() throws Exception {
        List<String> log = new ArrayList<>();
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            DemoRun run = TwoNights.run(open.store(), DemoSettings.defaults(dir.resolve("work")).withDevices(40),
                    log::add);
            String console = String.join("\n", log);

            Night first = run.nights().get(0);
            assertFalse(first.monitor().report().judged(), console);
            Night second = run.nights().get(1);
            assertTrue(second.monitor().report().drifted(), console);
            assertEquals(List.of("flow_rate", "temp_bearing"),
                    second.monitor().report().driftedFeatures().stream().sorted().toList(), console);

            List<DemoRun.Decision> decisions = run.decisions();
            assertEquals(List.of(1, 2, 3), decisions.stream().map(DemoRun.Decision::version).toList(), console);
            assertEquals(GateDecision.PROMOTED, decisions.get(0).decision(), console);
            assertEquals(3, decisions.get(0).wave(), "night 1 promoted through every wave");
            assertEquals(GateDecision.PROMOTED, decisions.get(1).decision(), console);
            assertEquals(GateDecision.ROLLED_BACK, decisions.get(2).decision(), console);
            assertEquals(1, decisions.get(2).wave(), "the pilot wave stopped the slow version");
            assertTrue(decisions.get(2).reasons().get(0).startsWith("raspberry-pi-4 p95"), console);

            Candidate retrained = second.candidates().get(0);
            assertTrue(retrained.validations().stream().allMatch(v -> v.report().champion().passed()
                    && v.report().champion().rowSets().stream().filter(r -> r.decides())
                    .allMatch(r -> r.difference() > 0)), "the retrained version beats version 1 on the drifted rows");

            ModelRegistry registry = new ModelRegistry(open.store());
            assertEquals(2, registry.getAlias("pump", "production").orElseThrow().version(), console);
            ModelCard v2 = registry.get("pump", 2);
            assertEquals(1, v2.lineage().parentVersion());
            assertTrue(v2.lineage().trigger().startsWith("field drift on temp_bearing, flow_rate")
                    && v2.lineage().trigger().contains("fleets/demo/monitor/pump/"), v2.lineage().trigger());
            List<String> events = registry.history("pump").stream().map(e -> e.event() + " v" + e.version())
                    .toList();
            for (String event : List.of("registered v1", "published v1", "rollout-completed v1", "published v2",
                    "rollout-completed v2", "published v3", "rolled-back v3")) {
                assertTrue(events.contains(event), event + " is not in the audit trail " + events);
            }
        }
    }
}
