package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The model card shows quality, data, training, file, lineage and the confusion matrix. */
class ModelCardViewTest {

    @Test
    void classificationCardWithLineageAndConfusionMatrix() {
        String html = ModelCardView.html(Samples.train());

        assertEquals("Model pump version 3", ModelCardView.title(Samples.train()));
        assertTrue(html.contains("<h2 class=\"emo-heading emo-info\">Model pump version 3</h2>"), html);
        for (String row : new String[] {"<th>Task</th><td>classification</td>", "<th>Accuracy</th><td>0.9123</td>",
            "<th>Macro F1</th><td>0.9</td>", "<th>Rows read</th><td>5000</td>", "<th>Holdout rows</th><td>1000</td>",
            "<th>Model size</th><td>14.3 KiB</td>", "<th>Parent version</th><td>1</td>",
            "<th>Trigger</th><td>field drift of pump@1 on eu: band_hf</td>",
            "<th>Dataset SHA-256</th><td><code>ab12</code></td>"}) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }
        assertTrue(html.contains("<h3>Lineage"), html);
        assertTrue(html.contains("<tr><td>3</td><td>1</td><td><code>c0ffee</code></td>"
                + "<td>accuracy 0.93, macroF1 0.9288</td><td>field drift of pump@1 on eu: band_hf</td></tr>"), html);
        assertTrue(html.contains("<tr><td>1</td><td>none</td><td><code>9f2c</code></td>"), html);
        assertTrue(html.contains("<th>actual \\ predicted</th><th>normal</th><th>worn</th>"), html);
        assertTrue(html.contains("<tr><th>worn</th><td>20</td><td>380</td></tr>"), html);
    }

    @Test
    void regressionShowsErrorsAndNoConfusionMatrix() {
        String html = ModelCardView.html(Samples.regression());

        assertTrue(html.contains("<th>RMSE</th><td>0.25</td>") && html.contains("<th>MAE</th><td>0.2</td>")
                && html.contains("<th>R²</th><td>0.95</td>"), html);
        assertFalse(html.contains("Confusion matrix"), html);
        assertFalse(html.contains("Lineage"), html);
    }
}
