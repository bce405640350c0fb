package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks with units, the key figures, and the champion / challenger comparison with its row sets. */
class ValidationViewTest {

    @Test
    void checksInTheirUnitsAndTheChampionComparison() {
        String html = ValidationView.html(Samples.validate());

        assertEquals("Validation of pump version 3 for raspberry-pi-4 (fp32)", ValidationView.title(Samples.validate()));
        assertTrue(html.contains("Validation of pump version 3 for raspberry-pi-4 (fp32): passed</h2>"), html);
        for (String row : new String[] {"<td>Model size</td><td>14.3 KiB</td><td>39.4 MiB</td>",
            "<td>Memory</td><td>8.0 MiB</td><td>512.0 MiB</td>", "<td>Latency p95</td><td>0.0988 ms</td><td>5 ms</td>",
            "<td>Unsupported operators</td><td>0</td><td>0</td>",
            "<td>Champion / challenger</td><td>0.012</td><td>-0.01</td>"}) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }
        assertTrue(html.contains("Accuracy:</span> 0.9444"), html);
        assertTrue(html.contains("Latency p95 on the target:</span> 0.0988 ms"), html);
        assertTrue(html.contains("JUnit report:</span> <code>edge-mlops-reports/v.xml</code>"), html);
        assertTrue(html.contains("<h3>Champion / challenger: against v2 fp32, passed</h3>"), html);
        assertTrue(html.contains("not worse than champion v2 fp32"), html);
        assertTrue(html.contains("<th>challenger-holdout (v3)</th><td>1000</td><td>0.9444</td><td>0.9324</td>"
                + "<td>+0.012</td>"), html);
        assertTrue(html.contains("<th>champion-holdout (v2)</th><td>800</td><td>0.95</td><td>0.951</td>"
                + "<td>-0.001</td>"), html);
    }

    @Test
    void aFailedValidationShowsItsReasonAndTheFailedChampion() {
        Map<String, Object> r = Json.object("""
                {"passed":false,"reason":"pump@4 fp32 on x86-gateway: champion: worse than champion v3 fp32",
                 "model":"pump","version":4,"target":"x86-gateway","variant":"fp32","latencyP95Ms":0.01,"report":"r.xml",
                 "checks":[{"name":"champion","passed":false,"value":-0.029,"limit":-0.01,"unit":""}],
                 "champion":{"version":3,"variant":"fp32","maxRegression":0.01,"passed":false,
                             "reason":"worse than champion v3 fp32 by more than 0.01","rowSets":[]}}""");

        String html = ValidationView.html(r);

        assertTrue(html.contains("emo-fail\">Validation of pump version 4 for x86-gateway (fp32): FAILED</h2>"), html);
        assertTrue(html.contains("<strong>pump@4 fp32 on x86-gateway: champion: worse than champion v3 fp32</strong>"),
                html);
        assertTrue(html.contains("<span class=\"emo-fail\">FAIL</span>"), html);
        assertTrue(html.contains("Champion / challenger: against v3 fp32, FAILED"), html);
        assertTrue(html.contains("worse than champion v3 fp32 by more than 0.01"), html);
        assertFalse(html.contains("Row set"), "no row sets, no table");
    }

    @Test
    void withoutAChampionThereIsNoComparison() {
        Map<String, Object> r = Samples.validate();
        r.remove("champion");
        assertFalse(ValidationView.html(r).contains("emo-champion"));
    }
}
