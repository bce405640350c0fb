package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every renderer escapes every text that came from a result: the plugin writes fragments raw into the build page, so
 * a model name, reason or feature name with markup must arrive as text.
 */
class EscapingTest {

    private static final String HOSTILE = "<script>alert(\"x\")</script>' onload='x";

    @Test
    void escFoilsTagsAndBothQuotes() {
        String escaped = Html.esc(HOSTILE);
        assertFalse(escaped.contains("<") || escaped.contains(">") || escaped.contains("\"")
                || escaped.contains("'"), escaped);
        assertTrue(escaped.startsWith("&lt;script&gt;alert(&quot;x&quot;)"), escaped);
        assertTrue(Html.esc(null).isEmpty());
    }

    @Test
    void modelCard() {
        assertSafe(ModelCardView.html(poisoned(Samples.train())));
    }

    @Test
    void quantization() {
        Map<String, Object> r = poisoned(Samples.quantize());
        r.put("passed", false);
        assertSafe(QuantizationView.html(r));
    }

    @Test
    void validationWithChampion() {
        Map<String, Object> r = poisoned(Samples.validate());
        r.put("passed", false);
        assertSafe(ValidationView.html(r));
    }

    @Test
    void rollout() {
        assertSafe(RolloutView.html(poisoned(Samples.publish())));
    }

    @Test
    void fieldDrift() {
        assertSafe(FieldDriftView.html(poisoned(Samples.monitor())));
    }

    @Test
    void driftGateWithChartsAndDecisions() {
        List<GatePoll> polls = new ArrayList<>();
        for (GatePoll p : Samples.polls()) {
            polls.add(new GatePoll(p.epochMillis(), poisoned(p.result())));
        }
        String html = DriftGateView.html(polls, Samples.LIMITS);
        assertTrue(html.contains("<polyline"), "charts are drawn");
        assertSafe(html);
    }

    @Test
    void reportPage() {
        String html = ReportPage.titled(HOSTILE).intro(HOSTILE).section(HOSTILE, Html.esc(HOSTILE)).html();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("' onload"), html);
    }

    private static void assertSafe(String html) {
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("alert(\"x\")"), html);
        assertFalse(html.contains("' onload='"), html);
        assertTrue(html.contains("&lt;script&gt;"), "the text is still shown, as text:\n" + html);
    }

    /**
     * The result with every text value, and every key of a nested map (feature names, targets, classes), made hostile;
     * keys of the result itself stay, so the renderers still find them.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> poisoned(Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        result.forEach((k, v) -> out.put(k, poison(v, false)));
        return out;
    }

    private static Object poison(Object value, boolean renameKeys) {
        if (value instanceof String s) {
            return s + HOSTILE;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(nestedKey(String.valueOf(k)), poison(v, true)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(poison(v, true)));
            return out;
        }
        return value;
    }

    /** Keys a renderer reads by name (inside checks, row sets, lineage entries) stay; data keys become hostile. */
    private static String nestedKey(String key) {
        return key.matches("[a-z][A-Za-z0-9]*") && !key.contains("-") && !List.of("normal", "worn", "temp",
                "vibration").contains(key) ? key : key + HOSTILE;
    }
}
