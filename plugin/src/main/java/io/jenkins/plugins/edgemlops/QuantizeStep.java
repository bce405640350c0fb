package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import io.edgemlops.contract.QuantizeContract;
import io.edgemlops.contract.StepContract;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code quantize(model:, version:, mode:, ...)}: derives an int8 or fp16 variant of a model version on the agent,
 * compares it with fp32 and registers it when its accuracy drop is within the gate. Parameters, defaults, ranges, help
 * and result keys are those of {@link QuantizeContract}; this class only binds them for Jenkins.
 */
public final class QuantizeStep extends CheckingEngineStep {

    private final String model;
    private Object version;
    private String mode;
    private boolean weightOnly;
    private String calibration;
    private Integer calibrationRows;
    private String calibrationMethod;
    private Double percentile;
    private Double maxAccuracyDrop;

    @DataBoundConstructor
    public QuantizeStep(String model) {
        this.model = model;
    }

    @Override
    protected StepContract contract() {
        return QuantizeContract.STEP;
    }

    @Override
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return QuantizationSection.fromResult(result);
    }

    public String getModel() {
        return model;
    }

    public Object getVersion() {
        return version;
    }

    /** Text or a number, so {@code version: t.version} works as well as {@code version: 'production'}. */
    @DataBoundSetter
    public void setVersion(Object version) {
        this.version = version;
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isWeightOnly() {
        return weightOnly;
    }

    @DataBoundSetter
    public void setWeightOnly(boolean weightOnly) {
        this.weightOnly = weightOnly;
    }

    public String getCalibration() {
        return calibration;
    }

    @DataBoundSetter
    public void setCalibration(String calibration) {
        this.calibration = calibration;
    }

    public Integer getCalibrationRows() {
        return calibrationRows;
    }

    @DataBoundSetter
    public void setCalibrationRows(Integer calibrationRows) {
        this.calibrationRows = calibrationRows;
    }

    public String getCalibrationMethod() {
        return calibrationMethod;
    }

    @DataBoundSetter
    public void setCalibrationMethod(String calibrationMethod) {
        this.calibrationMethod = calibrationMethod;
    }

    public Double getPercentile() {
        return percentile;
    }

    @DataBoundSetter
    public void setPercentile(Double percentile) {
        this.percentile = percentile;
    }

    public Double getMaxAccuracyDrop() {
        return maxAccuracyDrop;
    }

    @DataBoundSetter
    public void setMaxAccuracyDrop(Double maxAccuracyDrop) {
        this.maxAccuracyDrop = maxAccuracyDrop;
    }

    /** Registers {@code quantize} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return QuantizeContract.STEP.function();
        }

        @Override
        public String getDisplayName() {
            return QuantizeContract.STEP.displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
