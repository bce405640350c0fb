package io.edgemlops.contract;

import static io.edgemlops.contract.ParameterType.CHOICE;
import static io.edgemlops.contract.ParameterType.DECIMAL;
import static io.edgemlops.contract.ParameterType.TEXT;
import static io.edgemlops.contract.ParameterType.TEXT_LIST;
import static io.edgemlops.contract.ParameterType.WHOLE_NUMBER;
import static io.edgemlops.contract.ParameterType.WHOLE_NUMBER_LIST;

import java.util.List;

/** {@code trainModel} / {@code edge-mlops train}: train (or register) a model version. */
public final class TrainModelContract {

    private TrainModelContract() {
    }

    public static final List<Long> DEFAULT_HIDDEN = List.of(64L, 32L);
    public static final long DEFAULT_BATCH_SIZE = 64;
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_VALIDATION_SPLIT = 0.2;
    /** How many versions the {@code lineage} result goes back. */
    public static final int LINEAGE_DEPTH = 10;

    public static final Parameter MODEL = Parameter.builder("model", TEXT).required()
            .title("Model name")
            .help("Name of the model in the registry: lower-case letters, digits, `.`, `_` and `-`, e.g. `pump`.")
            .build();
    public static final Parameter DATASET = Parameter.builder("dataset", TEXT).required()
            .title("Dataset")
            .help("CSV with a header row, plain or gzip-compressed (`.csv.gz`): a file, a folder or a glob "
                    + "(`exports/2026-11-*/*.csv.gz`) relative to the workspace, or on the store's server "
                    + "`s3://bucket/key`, a prefix `s3://bucket/exports/` or a glob. A folder or prefix is read as "
                    + "one dataset: its `.csv` and `.csv.gz` files in key order, each with the first one's header.")
            .build();
    public static final Parameter DATES = Parameter.builder("dates", TEXT)
            .defaultText("every part")
            .title("Days of partitions")
            .help("Reads only the parts whose path holds a date (`2026-11-20` or `2026/11/20`) in the range: "
                    + "`2026-11-19..2026-11-25`, `2026-11-19..`, `..2026-11-25`, one day `2026-11-25`, or "
                    + "`last 7 days` (today in UTC and the 6 days before).")
            .build();
    public static final Parameter LABEL = Parameter.builder("label", TEXT).required()
            .title("Label column")
            .help("The column to predict.")
            .build();
    public static final Parameter FEATURES = Parameter.builder("features", TEXT_LIST)
            .defaultText("every column but the label")
            .title("Feature columns")
            .help("Input columns in model order: a list (`['temp', 'vibration']`) or one comma-separated text.")
            .build();
    public static final Parameter CATEGORICAL = Parameter.builder("categorical", TEXT_LIST)
            .defaultText("inferred")
            .title("Categorical columns")
            .help("Columns to one-hot encode even though their values are numbers, such as a zone coded 1, 2, 3.")
            .build();
    public static final Parameter NUMERIC = Parameter.builder("numeric", TEXT_LIST)
            .defaultText("inferred")
            .title("Numeric columns")
            .help("Columns that must be numeric: a value that is not a number is an error naming its row and column.")
            .build();
    public static final Parameter TASK = Parameter.builder("task", CHOICE).choices("classification", "regression")
            .defaultText("inferred from the label: text, or whole numbers with at most 20 values, mean classification")
            .title("Task")
            .help("`classification` or `regression`.")
            .build();
    public static final Parameter HIDDEN = Parameter.builder("hidden", WHOLE_NUMBER_LIST)
            .defaultValue(DEFAULT_HIDDEN).range(Range.closed(1, 65_536))
            .title("Hidden layer sizes")
            .help("Sizes of the network's hidden layers (ReLU), e.g. `[64, 32]` or `'64,32'`.")
            .build();
    public static final Parameter EPOCHS = Parameter.builder("epochs", WHOLE_NUMBER)
            .range(Range.closed(1, 100_000))
            .defaultText("automatic: enough passes for the data size, stopped early when the validation loss stops "
                    + "improving")
            .title("Maximum epochs")
            .help("The most passes over the training rows. Training stops earlier when the loss on a validation slice "
                    + "of the training rows has not improved for a while; the model is then trained again, from the "
                    + "same start, on all training rows for the best epoch's count.")
            .build();
    public static final Parameter BATCH_SIZE = Parameter.builder("batchSize", WHOLE_NUMBER)
            .defaultValue(DEFAULT_BATCH_SIZE).range(Range.closed(1, 1_000_000))
            .title("Batch size")
            .help("Rows per optimizer step.")
            .build();
    public static final Parameter LEARNING_RATE = Parameter.builder("learningRate", DECIMAL)
            .defaultValue(DEFAULT_LEARNING_RATE).range(new Range(0.0, true, 10.0, false))
            .title("Learning rate")
            .help("Learning rate of the Adam optimizer.")
            .build();
    public static final Parameter SEED = Parameter.builder("seed", WHOLE_NUMBER)
            .defaultValue(DEFAULT_SEED)
            .title("Random seed")
            .help("Seeds the split, the initial weights and the shuffling: the same seed and data give the same model.")
            .build();
    public static final Parameter VALIDATION_SPLIT = Parameter.builder("validationSplit", DECIMAL)
            .defaultValue(DEFAULT_VALIDATION_SPLIT).range(Range.open(0, 1))
            .title("Holdout share")
            .help("Share of the rows held out (stratified by class) for the metrics, the drift baseline and later "
                    + "validation, e.g. `0.2`.")
            .build();
    public static final Parameter ONNX = Parameter.builder("onnx", TEXT)
            .title("Existing ONNX model")
            .help("An ONNX model trained elsewhere (a path relative to the workspace): it is evaluated on the "
                    + "dataset's holdout and registered instead of training a new one.")
            .build();
    public static final Parameter TRIGGER = Parameter.builder("trigger", TEXT)
            .title("Why this version was trained")
            .help("One line for the lineage saying what triggered this training, e.g. the field drift monitor's "
                    + "`summary` (`trigger: d.summary`). It is stored on the model card next to the parent version "
                    + "(the version in production when training started) and shown by `edge-mlops models history` "
                    + "and on the build page.")
            .build();

    public static final ResultKey R_MODEL = ResultKey.always("model", "Model", "the model name");
    public static final ResultKey R_VERSION = ResultKey.always("version", "Version", "the registered version number");
    public static final ResultKey R_TASK = ResultKey.always("task", "Task", "`classification` or `regression`");
    public static final ResultKey R_ACCURACY = ResultKey.sometimes("accuracy", "Accuracy", "classification: share of holdout "
            + "rows predicted right");
    public static final ResultKey R_MACRO_F1 = ResultKey.sometimes("macroF1", "Macro F1", "classification: unweighted mean of "
            + "the per-class F1 scores");
    public static final ResultKey R_RMSE = ResultKey.sometimes("rmse", "RMSE", "regression: root mean squared error on the "
            + "holdout");
    public static final ResultKey R_MAE = ResultKey.sometimes("mae", "MAE", "regression: mean absolute error");
    public static final ResultKey R_R2 = ResultKey.sometimes("r2", "R²", "regression: coefficient of determination");
    public static final ResultKey R_METRICS = ResultKey.always("metrics", "Metrics", "every holdout metric, including "
            + "`classCounts` (classes in model order) and `confusionMatrix` (rows: actual, columns: predicted class)");
    public static final ResultKey R_DATASET_SHA256 = ResultKey.always("datasetSha256", "Dataset SHA-256", "SHA-256 of the dataset");
    public static final ResultKey R_MODEL_URI = ResultKey.always("modelUri", "Model card", "the model card, "
            + "`s3://bucket/prefix/models/<model>/versions/<n>/model.json`");
    public static final ResultKey R_PARENT_VERSION = ResultKey.always("parentVersion", "Parent version", "the version under "
            + "alias `production` when training started (the model this one is meant to replace), or null when none was");
    public static final ResultKey R_TRIGGER = ResultKey.sometimes("trigger", "Trigger", "why this version was trained, as "
            + "given in `trigger`");
    public static final ResultKey R_LINEAGE = ResultKey.always("lineage", "Lineage", "the retraining chain, newest first: "
            + "this version, its parent, the parent's parent… (at most " + 10 + " versions), one map each with "
            + "`version`, `parentVersion`, `datasetSha256`, `metrics` (`accuracy` and `macroF1`, or `rmse` and `r2`) "
            + "and `trigger`");
    public static final ResultKey R_ROWS = ResultKey.always("rows", "Rows read", "rows read");
    public static final ResultKey R_DATASET_PARTS = ResultKey.always("datasetParts", "Dataset parts", "how many files or "
            + "objects the dataset was read from (the model card's lineage lists each with its SHA-256)");
    public static final ResultKey R_TRAIN_ROWS = ResultKey.always("trainRows", "Training rows", "rows trained on");
    public static final ResultKey R_HOLDOUT_ROWS = ResultKey.always("holdoutRows", "Holdout rows", "rows held out for the metrics");
    public static final ResultKey R_DROPPED_ROWS = ResultKey.always("droppedRows", "Rows dropped (empty label)", "rows dropped for an empty label");
    public static final ResultKey R_IMPUTED_VALUES = ResultKey.always("imputedValues", "Values imputed", "empty numeric values filled "
            + "with the training mean");
    public static final ResultKey R_SIZE_BYTES = ResultKey.always("sizeBytes", "Model size", "size of the fp32 ONNX file");
    public static final ResultKey R_SHA256 = ResultKey.always("sha256", "Model SHA-256", "SHA-256 of the fp32 ONNX file");
    public static final ResultKey R_EPOCHS_RUN = ResultKey.sometimes("epochsRun", "Epochs trained",
            "epochs trained before training stopped (not for `onnx`)");
    public static final ResultKey R_BEST_EPOCH = ResultKey.sometimes("bestEpoch", "Best epoch",
            "the epoch with the lowest loss on the validation slice; the model is trained for that many epochs on "
                    + "all training rows");
    public static final ResultKey R_STOP_REASON = ResultKey.sometimes("stopReason", "Why training stopped",
            "one sentence, e.g. `stopped after epoch 37 of at most 200: validation loss did not improve for 10 "
                    + "epochs; best epoch 27; retrained on all 400 training rows for 27 epochs`");
    public static final ResultKey R_EXTERNAL = ResultKey.always("external", "Trained elsewhere", "true when registered with `onnx`");

    public static final StepContract STEP = new StepContract("trainModel", "train", "Train an edge model (Edge MLOps)",
            "Trains a small neural network (an MLP) for edge devices on a tabular CSV dataset, on the agent, exports it "
                    + "to ONNX, measures it on a held-out split and registers it as a new, numbered version of the "
                    + "model with its model card, drift baseline and lineage. With `onnx` it registers a model trained "
                    + "elsewhere instead.\n\n"
                    + "The work runs as a separate Java process on the agent (Java 17 or newer), so the controller "
                    + "only waits. Returns a map with `model`, `version`, the holdout metrics (for example "
                    + "`accuracy`), `datasetSha256` and `modelUri`.",
            "def t = trainModel model: 'pump', dataset: 'data/pump.csv', label: 'state'\n"
                    + "echo \"trained ${t.model} v${t.version}: accuracy ${t.accuracy}\"",
            List.of(MODEL, DATASET, DATES, LABEL, FEATURES, CATEGORICAL, NUMERIC, TASK, HIDDEN, EPOCHS, BATCH_SIZE,
                    LEARNING_RATE, SEED, VALIDATION_SPLIT, ONNX, TRIGGER, CommonParameters.STORE,
                    CommonParameters.FAIL_ON_ERROR),
            List.of(R_MODEL, R_VERSION, R_TASK, R_ACCURACY, R_MACRO_F1, R_RMSE, R_MAE, R_R2, R_METRICS,
                    R_DATASET_SHA256, R_MODEL_URI, R_PARENT_VERSION, R_TRIGGER, R_LINEAGE, R_ROWS, R_DATASET_PARTS, R_TRAIN_ROWS, R_HOLDOUT_ROWS,
                    R_DROPPED_ROWS, R_IMPUTED_VALUES, R_EPOCHS_RUN, R_BEST_EPOCH, R_STOP_REASON, R_SIZE_BYTES, R_SHA256,
                    R_EXTERNAL));
}
