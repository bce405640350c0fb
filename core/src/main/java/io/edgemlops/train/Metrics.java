package io.edgemlops.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality of a model on held-out rows. Classification fills accuracy, macro F1, class counts and
 * the confusion matrix; regression fills RMSE, MAE and R². Absent values are null.
 *
 * @param rows rows evaluated
 * @param accuracy share of correct predictions
 * @param macroF1 unweighted mean of per-class F1
 * @param classCounts actual rows per class, in class order
 * @param confusionMatrix rows are actual classes, columns predicted classes, in class order
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param r2 coefficient of determination
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metrics(
        long rows,
        Double accuracy,
        Double macroF1,
        Map<String, Long> classCounts,
        List<List<Long>> confusionMatrix,
        Double rmse,
        Double mae,
        Double r2) {

    /** Classification metrics from actual and predicted class indices into {@code classes}. */
    public static Metrics classification(int[] actual, int[] predicted, List<String> classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted differ in length");
        }
        int k = classes.size();
        long[][] confusion = new long[k][k];
        long correct = 0;
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) {
                correct++;
            }
        }
        double f1Sum = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        List<List<Long>> matrix = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long actualC = 0;
            long predictedC = 0;
            List<Long> row = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                actualC += confusion[c][j];
                predictedC += confusion[j][c];
                row.add(confusion[c][j]);
            }
            matrix.add(row);
            counts.put(classes.get(c), actualC);
            double precision = predictedC == 0 ? 0 : (double) tp / predictedC;
            double recall = actualC == 0 ? 0 : (double) tp / actualC;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        double accuracy = actual.length == 0 ? 0 : (double) correct / actual.length;
        double macroF1 = k == 0 ? 0 : f1Sum / k;
        return new Metrics(actual.length, accuracy, macroF1, counts, matrix, null, null, null);
    }

    /** Regression metrics from actual and predicted values. */
    public static Metrics regression(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted differ in length");
        }
        int n = actual.length;
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean = n == 0 ? 0 : mean / n;
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double e = actual[i] - predicted[i];
            sse += e * e;
            sae += Math.abs(e);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        double rmse = n == 0 ? 0 : Math.sqrt(sse / n);
        double mae = n == 0 ? 0 : sae / n;
        double r2 = sst == 0 ? 0 : 1 - sse / sst;
        return new Metrics(n, null, null, null, null, rmse, mae, r2);
    }

    /** The headline figure: accuracy for classification, R² for regression. */
    public double headline() {
        return accuracy != null ? accuracy : (r2 != null ? r2 : Double.NaN);
    }
}
