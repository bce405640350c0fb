package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** fp32 and the variant side by side, how they compare, and the gate's verdict. */
class QuantizationViewTest {

    @Test
    void fp32AndInt8SideBySide() {
        String html = QuantizationView.html(Samples.quantize());

        assertTrue(html.contains("Quantization of pump version 3 to int8: passed, registered</h2>"), html);
        assertTrue(html.contains("<th></th><th>fp32</th><th>int8</th>"), html);
        for (String row : new String[] {"<th>Size</th><td>14.3 KiB</td><td>4.1 KiB</td>",
            "<th>Accuracy</th><td>0.9444</td><td>0.9428</td>",
            "<th>Latency p50</th><td>0.00988 ms</td><td>0.00821 ms</td>",
            "<th>Latency p95</th><td>0.013 ms</td><td>0.0118 ms</td>"}) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }
        for (String fact : new String[] {"Size ratio:</span> 3.47× smaller", "Accuracy drop:</span> 0.0016",
            "Agreement with fp32:</span> 99.75 %", "Latency ratio:</span> 0.8317: faster than fp32 on the agent",
            "Method:</span> int8-static"}) {
            assertTrue(html.contains(fact), fact + " in\n" + html);
        }
    }

    @Test
    void aFailedRegressionShowsR2RmseAndTheReason() {
        Map<String, Object> r = Json.object("""
                {"passed":false,"reason":"pump@4 fp16 R² 0.8100 vs fp32 0.8300: drop 0.0200 > maxAccuracyDrop 0.01",
                 "model":"pump","version":4,"variant":"fp16","method":"fp16","sizeBytes":7400,"fp32SizeBytes":14610,
                 "sizeRatio":0.8,"accuracy":0.81,"fp32Accuracy":0.83,"accuracyDrop":0.02,"rmse":1.31,"fp32Rmse":1.25,
                 "latencyRatio":1.0}""");

        String html = QuantizationView.html(r);

        assertTrue(html.contains("emo-fail\">Quantization of pump version 4 to fp16: FAILED, not registered</h2>"),
                html);
        assertTrue(html.contains("drop 0.0200 &gt; maxAccuracyDrop 0.01"), html);
        assertTrue(html.contains("<th>R²</th><td>0.83</td><td>0.81</td>"), html);
        assertTrue(html.contains("<th>RMSE</th><td>1.25</td><td>1.31</td>"), html);
        assertTrue(html.contains("1.25× larger"), html);
        assertTrue(html.contains("1: as fast as fp32 on the agent"), html);
        assertFalse(html.contains("Latency p50"), "no latency, no row");
    }
}
