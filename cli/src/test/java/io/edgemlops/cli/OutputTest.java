package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What people read without --json. */
class OutputTest {

    @Test
    void nestedResultsReadAsIndentedLines() {
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        result.put("passed", false);
        result.put("classes", List.of("normal", "worn"));
        result.put("metrics", Map.of("accuracy", 0.9));
        result.put("checks", List.of(new LinkedHashMap<>(Map.of("name", "latency-p95")), "note"));
        result.put("unit", "");
        StringWriter out = new StringWriter();

        Output.print(result, false, new PrintWriter(out));

        assertEquals(String.join("\n",
                "passed: false",
                "classes: normal, worn",
                "metrics:",
                "  accuracy: 0.9",
                "checks:",
                "  - name: latency-p95",
                "  - note",
                "unit: -",
                ""), out.toString());
    }
}
