package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.ValidateForTargetContract;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code validateForTarget(model:, target:, version:, ...)}: checks one model version and variant against a device
 * profile, writes a JUnit XML report with one test case per check and records the result. Parameters, defaults,
 * ranges, help and result keys are those of {@link ValidateForTargetContract}; this class only binds them for Jenkins.
 */
public final class ValidateForTargetStep extends CheckingEngineStep {

    private final String model;
    private final String target;
    private Object version;
    private String variant;
    private Double minAccuracy;
    private Double maxRegression;
    private String report;

    @DataBoundConstructor
    public ValidateForTargetStep(String model, String target) {
        this.model = model;
        this.target = target;
    }

    @Override
    protected StepContract contract() {
        return ValidateForTargetContract.STEP;
    }

    @Override
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return ValidationSection.fromResult(result);
    }

    public String getModel() {
        return model;
    }

    public String getTarget() {
        return target;
    }

    public Object getVersion() {
        return version;
    }

    /** Text or a number, so {@code version: t.version} works as well as {@code version: 'production'}. */
    @DataBoundSetter
    public void setVersion(Object version) {
        this.version = version;
    }

    public String getVariant() {
        return variant;
    }

    @DataBoundSetter
    public void setVariant(String variant) {
        this.variant = variant;
    }

    public Double getMinAccuracy() {
        return minAccuracy;
    }

    @DataBoundSetter
    public void setMinAccuracy(Double minAccuracy) {
        this.minAccuracy = minAccuracy;
    }

    public Double getMaxRegression() {
        return maxRegression;
    }

    @DataBoundSetter
    public void setMaxRegression(Double maxRegression) {
        this.maxRegression = maxRegression;
    }

    public String getReport() {
        return report;
    }

    @DataBoundSetter
    public void setReport(String report) {
        this.report = report;
    }

    /** Registers {@code validateForTarget} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return ValidateForTargetContract.STEP.function();
        }

        @Override
        public String getDisplayName() {
            return ValidateForTargetContract.STEP.displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
