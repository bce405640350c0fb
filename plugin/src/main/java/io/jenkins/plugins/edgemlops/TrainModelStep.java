package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code trainModel(model:, dataset:, label:, ...)}: trains a model on a tabular dataset on the agent (or registers an
 * existing ONNX model with {@code onnx:}), stores it as a new version and returns
 * {@code [model, version, <metrics>..., datasetSha256, modelUri]}. Runs {@code edge-mlops train}.
 */
public final class TrainModelStep extends EngineStep {

    public static final String FUNCTION = "trainModel";

    private final String model;
    private final String dataset;
    private final String label;
    private Object features;
    private Object categorical;
    private Object numeric;
    private String task;
    private Object hidden;
    private Integer epochs;
    private Integer batchSize;
    private Double learningRate;
    private Integer seed;
    private Double validationSplit;
    private String onnx;

    /**
     * @param model   model name in the registry
     * @param dataset CSV file, relative to the workspace
     * @param label   name of the column to predict
     */
    @DataBoundConstructor
    public TrainModelStep(String model, String dataset, String label) {
        this.model = model;
        this.dataset = dataset;
        this.label = label;
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    protected String subcommand() {
        return "train";
    }

    @Override
    protected void addArguments(ArgumentChecks checks, EngineArguments args) {
        args.add("model", checks.requireText("model", model))
                .add("dataset", checks.requireText("dataset", dataset))
                .add("label", checks.requireText("label", label))
                .add("features", checks.textList("features", features))
                .add("categorical", checks.textList("categorical", categorical))
                .add("numeric", checks.textList("numeric", numeric))
                .add("task", checks.optionalText(task))
                .add("hidden", checks.intList("hidden", hidden, 1))
                .add("epochs", checks.atLeast("epochs", epochs, 1))
                .add("batchSize", checks.atLeast("batchSize", batchSize, 1))
                .add("learningRate", checks.positive("learningRate", learningRate))
                .add("seed", seed)
                .add("validationSplit", checks.between("validationSplit", validationSplit, 0, false, 1, true))
                .add("onnx", checks.optionalText(onnx));
    }

    @Override
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return ModelCardSection.fromResult(result);
    }

    public String getModel() {
        return model;
    }

    public String getDataset() {
        return dataset;
    }

    public String getLabel() {
        return label;
    }

    public Object getFeatures() {
        return features;
    }

    /** Input columns: a list ({@code ['temp', 'vibration']}) or a comma-separated string; default: all but the label. */
    @DataBoundSetter
    public void setFeatures(Object features) {
        this.features = features;
    }

    /** Columns to treat as categorical (one-hot) even when their values are numbers, e.g. a zone coded 1/2/3. */
    public Object getCategorical() {
        return categorical;
    }

    @DataBoundSetter
    public void setCategorical(Object categorical) {
        this.categorical = categorical;
    }

    /** Columns that must be numeric: a value that is not a number fails with its row and column. */
    public Object getNumeric() {
        return numeric;
    }

    @DataBoundSetter
    public void setNumeric(Object numeric) {
        this.numeric = numeric;
    }

    public String getTask() {
        return task;
    }

    /** {@code classification} or {@code regression}; default: inferred from the label column. */
    @DataBoundSetter
    public void setTask(String task) {
        this.task = task;
    }

    public Object getHidden() {
        return hidden;
    }

    /** Hidden layer sizes of the MLP, e.g. {@code [64, 32]} or {@code '64,32'}. */
    @DataBoundSetter
    public void setHidden(Object hidden) {
        this.hidden = hidden;
    }

    public Integer getEpochs() {
        return epochs;
    }

    @DataBoundSetter
    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @DataBoundSetter
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Double getLearningRate() {
        return learningRate;
    }

    @DataBoundSetter
    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public Integer getSeed() {
        return seed;
    }

    @DataBoundSetter
    public void setSeed(Integer seed) {
        this.seed = seed;
    }

    public Double getValidationSplit() {
        return validationSplit;
    }

    /** Share of rows held out for evaluation, in {@code [0, 1)}. */
    @DataBoundSetter
    public void setValidationSplit(Double validationSplit) {
        this.validationSplit = validationSplit;
    }

    public String getOnnx() {
        return onnx;
    }

    /** An ONNX model trained elsewhere, relative to the workspace: registered instead of training. */
    @DataBoundSetter
    public void setOnnx(String onnx) {
        this.onnx = onnx;
    }

    /** Registers {@code trainModel} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Train an edge model (Edge MLOps)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
