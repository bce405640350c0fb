package io.edgemlops.usecase;

import ai.onnxruntime.OrtException;
import io.edgemlops.data.CsvReader;
import io.edgemlops.data.DataException;
import io.edgemlops.data.FeatureEncoder;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.Table;
import io.edgemlops.data.Values;
import io.edgemlops.drift.DriftJudge;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.target.ChampionChallenger;
import io.edgemlops.target.ChampionComparison;
import io.edgemlops.target.RowSetComparison;
import io.edgemlops.telemetry.FeatureBins;
import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.train.Metrics;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the champion / challenger comparison of {@code validateForTarget}: the version under alias
 * {@code production} (the champion) and the version validated (the challenger), both in ONNX Runtime, on the
 * challenger's holdout and on the champion's. Each row set is encoded with each model's own schema and fill values,
 * and predictions are matched to labels by class name, so versions whose features or class order differ are compared
 * on the same rows. The verdict itself is {@link ChampionChallenger}'s.
 */
final class ChampionEvaluation {

    private static final int PREDICT_BATCH = 1024;

    private ChampionEvaluation() {
    }

    /**
     * Compares {@code challenger}'s variant with the production version's.
     *
     * @param challengerVariant the variant being validated
     * @param challengerOnnx its model file
     * @param maxRegression how much worse the challenger may be
     */
    static ChampionComparison run(ObjectStore store, ModelRegistry registry, ModelCard challenger,
                                  String challengerVariant, byte[] challengerOnnx, double maxRegression,
                                  Consumer<String> log) {
        Optional<AliasRecord> alias = registry.getAlias(challenger.name(), ValidateAndRecord.PRODUCTION);
        if (alias.isEmpty()) {
            log.accept("champion / challenger: no version of " + challenger.name() + " is in production yet");
            return ChampionChallenger.noChampion(maxRegression);
        }
        if (alias.get().version() == challenger.version()) {
            log.accept("champion / challenger: " + challenger.ref() + " is itself in production");
            return ChampionChallenger.isChampion(challenger.version(), maxRegression);
        }
        ModelCard champion = registry.get(challenger.name(), alias.get().version());
        boolean sameVariant = champion.variants().containsKey(challengerVariant);
        String variant = sameVariant ? challengerVariant : "fp32";
        String variantNote = sameVariant ? "same variant as the challenger"
                : "the champion has no " + challengerVariant + " variant: its fp32";
        log.accept("champion / challenger: " + challenger.ref() + " " + challengerVariant + " against "
                + champion.ref() + " " + variant + " (production), at most " + maxRegression + " worse");
        if (champion.task() != challenger.task()) {
            return ChampionChallenger.notCompared(champion.version(), variant, variantNote, maxRegression,
                    "the champion is a " + champion.task() + " model, the challenger a " + challenger.task()
                            + " model", List.of());
        }
        byte[] championOnnx = store.getBlob(champion.variant(variant).blob().sha256());

        List<RowSet> sets = new ArrayList<>();
        table(store, challenger).ifPresent(t -> sets.add(new RowSet(RowSetComparison.CHALLENGER_HOLDOUT,
                challenger, t)));
        if (champion.holdout() != null && challenger.holdout() != null
                && champion.holdout().sha256().equals(challenger.holdout().sha256())) {
            log.accept("champion / challenger: both versions hold out the same rows");
        } else {
            table(store, champion).ifPresent(t -> sets.add(new RowSet(RowSetComparison.CHAMPION_HOLDOUT, champion,
                    t)));
        }
        List<RowSetComparison> compared = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (OnnxPredictor challengerModel = new OnnxPredictor(challengerOnnx);
             OnnxPredictor championModel = new OnnxPredictor(championOnnx)) {
            for (RowSet set : sets) {
                try {
                    RowSetComparison c = compare(set, challenger, challengerModel, champion, championModel,
                            maxRegression);
                    log.accept("  " + c.summary());
                    compared.add(c);
                } catch (DataException e) {
                    skipped.add(set.name() + ": " + e.getMessage());
                    log.accept("  " + set.name() + " skipped: " + e.getMessage());
                }
            }
        } catch (OrtException e) {
            return ChampionChallenger.notCompared(champion.version(), variant, variantNote, maxRegression,
                    "ONNX Runtime could not run a model: " + e.getMessage(), List.of());
        }
        if (compared.isEmpty()) {
            return ChampionChallenger.notCompared(champion.version(), variant, variantNote, maxRegression,
                    sets.isEmpty() ? "neither version has holdout rows" : String.join("; ", skipped), List.of());
        }
        List<String> drifted = sets.stream().filter(set -> set.owner() == challenger).findFirst()
                .map(set -> holdoutDrift(set.table(), champion, challenger, log)).orElse(List.of());
        return ChampionChallenger.decide(champion.version(), variant, variantNote, maxRegression,
                ChampionChallenger.assignRoles(compared, drifted));
    }

    /** One labelled row set and the version whose holdout it is. */
    private record RowSet(String name, ModelCard owner, Table table) {
    }

    private static Optional<Table> table(ObjectStore store, ModelCard card) {
        if (card.holdout() == null) {
            return Optional.empty();
        }
        byte[] csv = store.getBlob(card.holdout().sha256());
        return Optional.of(CsvReader.read(new ByteArrayInputStream(csv), card.ref() + " holdout"));
    }

    private static RowSetComparison compare(RowSet set, ModelCard challenger, OnnxPredictor challengerModel,
                                            ModelCard champion, OnnxPredictor championModel, double maxRegression)
            throws OrtException {
        float[][] challengerScores = predict(challengerModel, encode(set.table(), challenger));
        float[][] championScores = predict(championModel, encode(set.table(), champion));
        FeatureSchema truth = set.owner().schema();
        long rows = set.table().rowCount();
        if (truth.task() == FeatureSchema.Task.REGRESSION) {
            double[] actual = new FeatureEncoder(truth, set.owner().fillValues()).targets(set.table());
            double rmseChallenger = Metrics.regression(actual, column(challengerScores)).rmse();
            double rmseChampion = Metrics.regression(actual, column(championScores)).rmse();
            return ChampionChallenger.regression(set.name(), set.owner().version(), rows, rmseChallenger,
                    rmseChampion, maxRegression);
        }
        List<String> labels = labels(set.table(), truth.label());
        List<String> challengerPredicted = names(challengerScores, challenger.schema().classes());
        List<String> championPredicted = names(championScores, champion.schema().classes());
        List<String> classes = classesByName(labels, challengerPredicted, championPredicted);
        Metrics c = Metrics.classification(indices(labels, classes), indices(challengerPredicted, classes), classes);
        Metrics p = Metrics.classification(indices(labels, classes), indices(championPredicted, classes), classes);
        return ChampionChallenger.classification(set.name(), set.owner().version(), rows, c.accuracy(),
                c.macroF1(), p.accuracy(), p.macroF1(), maxRegression);
    }

    private static float[][] encode(Table table, ModelCard model) {
        return new FeatureEncoder(model.schema(), model.fillValues()).encode(table).rows();
    }

    private static float[][] predict(OnnxPredictor model, float[][] x) throws OrtException {
        float[][] out = new float[x.length][];
        for (int start = 0; start < x.length; start += PREDICT_BATCH) {
            int end = Math.min(x.length, start + PREDICT_BATCH);
            float[][] scores = model.predict(Arrays.copyOfRange(x, start, end));
            System.arraycopy(scores, 0, out, start, end - start);
        }
        return out;
    }

    private static double[] column(float[][] scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i][0];
        }
        return out;
    }

    /** The label of every row by name; a missing label is an error naming the row. */
    private static List<String> labels(Table table, String label) {
        int column = table.columnIndex(label);
        if (column < 0) {
            throw new DataException(table.source(), label, "label column not found; columns are "
                    + table.columnNames());
        }
        List<String> out = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            String s = table.value(r, column);
            if (Values.isMissing(s)) {
                throw table.error(r, label, "label is missing");
            }
            out.add(Values.category(s));
        }
        return out;
    }

    private static List<String> names(float[][] scores, List<String> classes) {
        List<String> out = new ArrayList<>(scores.length);
        for (int index : OnnxPredictor.argmax(scores)) {
            out.add(classes.get(index));
        }
        return out;
    }

    /**
     * Every class that occurs as a label or a prediction of either model, labels' classes first: the classes of
     * the macro F1, the same for both models.
     */
    static List<String> classesByName(List<String> labels, List<String> challenger, List<String> champion) {
        LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
        for (List<String> names : List.of(labels, challenger, champion)) {
            for (String name : names) {
                seen.putIfAbsent(name, Boolean.TRUE);
            }
        }
        return List.copyOf(seen.keySet());
    }

    private static int[] indices(List<String> names, List<String> classes) {
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            position.put(classes.get(i), i);
        }
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = position.get(names.get(i));
        }
        return out;
    }

    /**
     * The features whose distribution on the challenger's holdout drifted from the champion's holdout, by the
     * gate's rule (PSI and chi-square, Bonferroni over the features) over the champion's baseline bins; empty when
     * the champion has no baseline.
     */
    private static List<String> holdoutDrift(Table table, ModelCard champion, ModelCard challenger,
                                             Consumer<String> log) {
        if (champion.baseline() == null || champion.baseline().features().isEmpty()) {
            return List.of();
        }
        List<FeatureCounts> counts = new ArrayList<>();
        for (FeatureBins bins : FeatureBins.of(champion.baseline())) {
            int column = table.columnIndex(bins.name());
            Object[] values = new Object[table.rowCount()];
            for (int r = 0; r < values.length; r++) {
                values[r] = column < 0 ? null : table.value(r, column);
            }
            counts.add(FeatureCounts.of(bins, values));
        }
        List<String> drifted = DriftJudge.features(champion.baseline(), counts, DriftLimits.DEFAULT).drifted();
        log.accept("  features drifted between " + champion.ref() + "'s holdout and " + challenger.ref() + "'s: "
                + (drifted.isEmpty() ? "none" : String.join(", ", drifted)));
        return drifted;
    }
}
