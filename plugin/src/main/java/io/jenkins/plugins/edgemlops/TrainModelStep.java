package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.TrainModelContract;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code trainModel(model:, dataset:, label:, ...)}: trains a model on a tabular dataset on the agent (or registers an
 * existing ONNX model with {@code onnx:}) and stores it as a new version. Parameters, defaults, ranges, help and
 * result keys are those of {@link TrainModelContract}; this class only binds them for Jenkins.
 */
public final class TrainModelStep extends CheckingEngineStep {

    private final String model;
    private final String dataset;
    private final String label;
    private String dates;
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
    private String trigger;

    @DataBoundConstructor
    public TrainModelStep(String model, String dataset, String label) {
        this.model = model;
        this.dataset = dataset;
        this.label = label;
    }

    @Override
    protected StepContract contract() {
        return TrainModelContract.STEP;
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

    public String getDates() {
        return dates;
    }

    @DataBoundSetter
    public void setDates(String dates) {
        this.dates = dates;
    }

    public Object getFeatures() {
        return features;
    }

    /** A list or a comma-separated string, as Groovy gave it: {@link GroovyValues} reads either. */
    @DataBoundSetter
    public void setFeatures(Object features) {
        this.features = features;
    }

    public Object getCategorical() {
        return categorical;
    }

    @DataBoundSetter
    public void setCategorical(Object categorical) {
        this.categorical = categorical;
    }

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

    @DataBoundSetter
    public void setTask(String task) {
        this.task = task;
    }

    public Object getHidden() {
        return hidden;
    }

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

    @DataBoundSetter
    public void setValidationSplit(Double validationSplit) {
        this.validationSplit = validationSplit;
    }

    public String getOnnx() {
        return onnx;
    }

    @DataBoundSetter
    public void setOnnx(String onnx) {
        this.onnx = onnx;
    }

    public String getTrigger() {
        return trigger;
    }

    @DataBoundSetter
    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    /** Registers {@code trainModel} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return TrainModelContract.STEP.function();
        }

        @Override
        public String getDisplayName() {
            return TrainModelContract.STEP.displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
