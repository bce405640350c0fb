package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Targets, waves with the current one marked, the signing key, what a rollback returns to, overrides. */
class RolloutViewTest {

    @Test
    void targetsWavesKeyAndOverrides() {
        String html = RolloutView.html(Samples.publish());

        assertTrue(html.contains("Rollout of pump version 3 to fleet eu</h2>"), html);
        assertTrue(html.contains("<code>pump-v3-20261125T100000Z</code>, desired state signed with key "
                + "<code>0123456789abcdef</code>"), html);
        assertTrue(html.contains("<tr><td>raspberry-pi-4</td><td>int8</td></tr>"), html);
        assertTrue(html.contains("<tr><td>1: 1@jetson-nano-cpu</td><td>1 pilot device of jetson-nano-cpu</td>"
                + "<td><strong>current, in shadow</strong></td></tr>"), html);
        assertTrue(html.contains("<tr><td>2: 10%</td><td>10 % of the fleet</td><td></td></tr>"), html);
        assertTrue(html.contains("Previous version:</span> 2, what a rollback returns to"), html);
        assertTrue(html.contains("Supersedes rollout:</span> <code>pump-v2-20261124T100000Z</code>"), html);
        assertTrue(html.contains("<p><strong>Overrides:</strong></p>"), html);
        assertTrue(html.contains("has no passing validation for jetson-nano-cpu"), html);
        assertEquals("2 pilot devices of any target", RolloutView.meaning("2@any"));
    }

    @Test
    void aFirstRolloutHasNothingToReturnTo() {
        Map<String, Object> r = Json.object("""
                {"rollout":"pump-v1-20261125T100000Z","fleet":"eu","model":"pump","version":1,"wave":2,
                 "waves":["5%","25%","100%"],"targets":{"raspberry-pi-4":"fp32"},"shadow":false,"overrides":[],
                 "keyId":"0123456789abcdef"}""");

        String html = RolloutView.html(r);

        assertTrue(html.contains("none: no earlier rollout of pump to eu finished"), html);
        assertTrue(html.contains("<td>2: 25%</td><td>25 % of the fleet</td><td><strong>current</strong></td>"), html);
        assertTrue(html.contains("First wave in shadow:</span> no"), html);
        assertTrue(!html.contains("Overrides"), html);
    }
}
