package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import io.edgemlops.contract.MonitorFieldDriftContract;
import io.edgemlops.contract.StepContract;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code monitorFieldDrift(model:, fleet:, ...)}: whether the field drifted, judged on the telemetry of the version in
 * production across a fleet over a recent span; returns at once with {@code drifted}, so a nightly job retrains only
 * when it did. One short engine run on the agent, like {@code quantize}: unlike {@code awaitDriftGate} there is nothing
 * to wait for. Parameters, defaults, ranges, help and result keys are those of {@link MonitorFieldDriftContract}; this
 * class only binds them for Jenkins. The build page shows each run as a {@link FieldDriftSection}.
 *
 * <p>No {@code failOnError}: drift is an answer, not a failed check, and so is not enough data; the engine never exits
 * 1 for this command, so the parameter would change nothing. Bad arguments and store errors fail the step.
 */
public final class MonitorFieldDriftStep extends EngineStep {

    private final String model;
    private final String fleet;
    private Object since;
    private Object version;
    private Double psiThreshold;
    private Double alpha;
    private Double driftShare;
    private Object criticalFeatures;
    private Integer minSamples;
    private Integer minDevices;

    @DataBoundConstructor
    public MonitorFieldDriftStep(String model, String fleet) {
        this.model = model;
        this.fleet = fleet;
    }

    @Override
    protected StepContract contract() {
        return MonitorFieldDriftContract.STEP;
    }

    @Override
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return FieldDriftSection.fromResult(result);
    }

    public String getModel() {
        return model;
    }

    public String getFleet() {
        return fleet;
    }

    public Object getSince() {
        return since;
    }

    /** A duration such as {@code '24h'} or {@code '7d'}, or a number of seconds. */
    @DataBoundSetter
    public void setSince(Object since) {
        this.since = since;
    }

    public Object getVersion() {
        return version;
    }

    /** Text or a number, so {@code version: t.version} works as well as {@code version: 'production'}. */
    @DataBoundSetter
    public void setVersion(Object version) {
        this.version = version;
    }

    public Double getPsiThreshold() {
        return psiThreshold;
    }

    @DataBoundSetter
    public void setPsiThreshold(Double psiThreshold) {
        this.psiThreshold = psiThreshold;
    }

    public Double getAlpha() {
        return alpha;
    }

    @DataBoundSetter
    public void setAlpha(Double alpha) {
        this.alpha = alpha;
    }

    public Double getDriftShare() {
        return driftShare;
    }

    @DataBoundSetter
    public void setDriftShare(Double driftShare) {
        this.driftShare = driftShare;
    }

    public Object getCriticalFeatures() {
        return criticalFeatures;
    }

    /** A list or a comma-separated string, as Groovy gave it: {@link GroovyValues} reads either. */
    @DataBoundSetter
    public void setCriticalFeatures(Object criticalFeatures) {
        this.criticalFeatures = criticalFeatures;
    }

    public Integer getMinSamples() {
        return minSamples;
    }

    @DataBoundSetter
    public void setMinSamples(Integer minSamples) {
        this.minSamples = minSamples;
    }

    public Integer getMinDevices() {
        return minDevices;
    }

    @DataBoundSetter
    public void setMinDevices(Integer minDevices) {
        this.minDevices = minDevices;
    }

    /** Registers {@code monitorFieldDrift} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return MonitorFieldDriftContract.STEP.function();
        }

        @Override
        public String getDisplayName() {
            return MonitorFieldDriftContract.STEP.displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
