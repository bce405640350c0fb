package io.edgemlops.train;

import io.edgemlops.contract.TrainModelContract;
import io.edgemlops.data.DataOptions;
import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.FeatureSchema.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of one training run (the optional arguments of {@code trainModel}). Invalid values
 * are rejected with an {@link IllegalArgumentException} naming the parameter.
 *
 * @param label label column
 * @param features feature columns in model order; empty for every column but the label
 * @param task forced task, or null to infer it from the label
 * @param hidden hidden layer sizes, e.g. [64, 32]
 * @param epochs the most passes over the training split, or null for automatic: a limit from the
 *     data size ({@code EpochBudget}: enough optimizer steps for small data, at most 1000 epochs);
 *     early stopping may end training sooner either way
 * @param batchSize rows per optimizer step
 * @param learningRate Adam learning rate
 * @param seed seed for weight initialisation, the split and shuffling
 * @param validationSplit share of rows held out for metrics and the baseline
 * @param types column types given by the user, overriding inference
 */
public record TrainingOptions(String label, List<String> features, Task task, List<Integer> hidden, Integer epochs,
                              int batchSize, double learningRate, long seed, double validationSplit,
                              Map<String, FeatureType> types) {

    // The defaults are trainModel's, written once in its contract.
    public static final List<Integer> DEFAULT_HIDDEN =
            TrainModelContract.DEFAULT_HIDDEN.stream().map(Math::toIntExact).toList();
    /** {@code epochs} value meaning "automatic": the limit follows from the data size. */
    public static final Integer AUTOMATIC_EPOCHS = null;
    public static final int DEFAULT_BATCH_SIZE = Math.toIntExact(TrainModelContract.DEFAULT_BATCH_SIZE);
    public static final double DEFAULT_LEARNING_RATE = TrainModelContract.DEFAULT_LEARNING_RATE;
    public static final long DEFAULT_SEED = TrainModelContract.DEFAULT_SEED;
    public static final double DEFAULT_VALIDATION_SPLIT = TrainModelContract.DEFAULT_VALIDATION_SPLIT;

    public TrainingOptions {
        features = features == null ? List.of() : List.copyOf(features);
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
        hidden = hidden == null ? DEFAULT_HIDDEN : List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden: layer sizes must be positive, got " + hidden);
            }
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("epochs: must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: must be a positive number, got " + learningRate);
        }
        // Label and validationSplit are checked by DataOptions.
        dataOptionsOf(label, features, task, validationSplit, seed, types);
    }

    /** Defaults for everything but the label. */
    public static TrainingOptions of(String label) {
        return new TrainingOptions(label, List.of(), null, DEFAULT_HIDDEN, AUTOMATIC_EPOCHS, DEFAULT_BATCH_SIZE,
                DEFAULT_LEARNING_RATE, DEFAULT_SEED, DEFAULT_VALIDATION_SPLIT, Map.of());
    }

    /** How the dataset is read and split for these options. */
    public DataOptions dataOptions() {
        return dataOptionsOf(label, features, task, validationSplit, seed, types);
    }

    private static DataOptions dataOptionsOf(String label, List<String> features, Task task, double split, long seed,
                                             Map<String, FeatureType> types) {
        return new DataOptions(label, features, task, split, seed, types);
    }

    /** Declares column types instead of inferring them. */
    public TrainingOptions withTypes(Map<String, FeatureType> v) {
        return new TrainingOptions(label, features, task, hidden, epochs, batchSize, learningRate, seed, validationSplit,
                v);
    }

    public TrainingOptions withFeatures(List<String> v) {
        return new TrainingOptions(label, v, task, hidden, epochs, batchSize, learningRate, seed,
                validationSplit, types);
    }

    public TrainingOptions withTask(Task v) {
        return new TrainingOptions(label, features, v, hidden, epochs, batchSize, learningRate, seed,
                validationSplit, types);
    }

    public TrainingOptions withHidden(List<Integer> v) {
        return new TrainingOptions(label, features, task, v, epochs, batchSize, learningRate, seed,
                validationSplit, types);
    }

    /** Whether the epoch limit follows from the data size (no {@code epochs} given). */
    public boolean automaticEpochs() {
        return epochs == null;
    }

    /** Sets the most epochs; null (or {@link #AUTOMATIC_EPOCHS}) for the automatic limit. */
    public TrainingOptions withEpochs(Integer v) {
        return new TrainingOptions(label, features, task, hidden, v, batchSize, learningRate, seed,
                validationSplit, types);
    }

    public TrainingOptions withBatchSize(int v) {
        return new TrainingOptions(label, features, task, hidden, epochs, v, learningRate, seed,
                validationSplit, types);
    }

    public TrainingOptions withLearningRate(double v) {
        return new TrainingOptions(label, features, task, hidden, epochs, batchSize, v, seed, validationSplit,
                types);
    }

    public TrainingOptions withSeed(long v) {
        return new TrainingOptions(label, features, task, hidden, epochs, batchSize, learningRate, v,
                validationSplit, types);
    }

    public TrainingOptions withValidationSplit(double v) {
        return new TrainingOptions(label, features, task, hidden, epochs, batchSize, learningRate, seed, v, types);
    }
}
