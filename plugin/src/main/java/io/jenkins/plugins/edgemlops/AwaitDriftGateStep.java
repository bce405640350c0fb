package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.edgemlops.contract.AwaitDriftGateContract;
import io.edgemlops.contract.DurationText;
import io.edgemlops.contract.StepContract;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code awaitDriftGate(fleet:, rollout:, ...)}: waits for the drift gate of a rollout's current wave to decide, then
 * returns the decision ({@code PROMOTED}, {@code HELD}) or fails the build on {@code ROLLED_BACK}. Parameters,
 * defaults, ranges, help and result keys are those of {@link AwaitDriftGateContract}; this class binds them for
 * Jenkins. Unlike the other steps it does not run one engine process and wait: {@link AwaitDriftGateExecution} polls
 * the gate ({@code edge-mlops gate --once}) on Jenkins' timer, holds no thread between polls, and resumes after a
 * controller restart. It works inside {@code node {}} (polls run on that agent) and outside (polls run on the
 * controller's built-in node, and no executor is held while it waits).
 */
public final class AwaitDriftGateStep extends CheckingEngineStep {

    /** Outside {@code node {}} too: a workspace and launcher are used when there is one. */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class, EnvVars.class);

    private final String fleet;
    private String rollout;
    private String model;
    private Double psiThreshold;
    private Double alpha;
    private Double driftShare;
    private Object criticalFeatures;
    private Double maxLatencyP95Ms;
    private Double maxLatencyIncrease;
    private Double maxErrorRate;
    private Double minAgreement;
    private Integer minSamples;
    private Integer minDevices;
    private Double maxUnknownShare;
    private Integer confirmWindows;
    private Object soak;
    private Object timeout;
    private Object pollInterval;
    private String onTimeout;
    private String onDataDrift;
    private boolean autoAdvance;
    private String signingKey;

    @DataBoundConstructor
    public AwaitDriftGateStep(String fleet) {
        this.fleet = fleet;
    }

    @Override
    protected StepContract contract() {
        return AwaitDriftGateContract.STEP;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        GatePlan plan;
        try {
            plan = toPlan();
        } catch (StepArgumentException invalid) {
            throw new AbortException(invalid.getMessage());
        }
        return new AwaitDriftGateExecution(context, plan, rollout == null || rollout.isBlank() ? null : rollout.trim());
    }

    /**
     * Checks every argument against the contract (as every step does, before anything runs) and fixes what the polls
     * need.
     *
     * @throws StepArgumentException naming the step and each invalid parameter
     */
    GatePlan toPlan() {
        EngineCommand command = toEngineCommand();
        String interval = pollInterval == null || pollInterval.toString().isBlank()
                ? AwaitDriftGateContract.DEFAULT_POLL_INTERVAL : pollInterval.toString().trim();
        return new GatePlan(function(), command.arguments(), autoAdvance, isFailOnError(),
                DurationText.parse(interval).toMillis(),
                psiThreshold != null ? psiThreshold : AwaitDriftGateContract.DEFAULT_PSI_THRESHOLD,
                maxErrorRate != null ? maxErrorRate : AwaitDriftGateContract.DEFAULT_MAX_ERROR_RATE, maxLatencyP95Ms);
    }

    public String getFleet() {
        return fleet;
    }

    public String getRollout() {
        return rollout;
    }

    @DataBoundSetter
    public void setRollout(String rollout) {
        this.rollout = rollout;
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = model;
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

    public Double getMaxLatencyP95Ms() {
        return maxLatencyP95Ms;
    }

    @DataBoundSetter
    public void setMaxLatencyP95Ms(Double maxLatencyP95Ms) {
        this.maxLatencyP95Ms = maxLatencyP95Ms;
    }

    public Double getMaxLatencyIncrease() {
        return maxLatencyIncrease;
    }

    @DataBoundSetter
    public void setMaxLatencyIncrease(Double maxLatencyIncrease) {
        this.maxLatencyIncrease = maxLatencyIncrease;
    }

    public Double getMaxErrorRate() {
        return maxErrorRate;
    }

    @DataBoundSetter
    public void setMaxErrorRate(Double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public Double getMinAgreement() {
        return minAgreement;
    }

    @DataBoundSetter
    public void setMinAgreement(Double minAgreement) {
        this.minAgreement = minAgreement;
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

    public Double getMaxUnknownShare() {
        return maxUnknownShare;
    }

    @DataBoundSetter
    public void setMaxUnknownShare(Double maxUnknownShare) {
        this.maxUnknownShare = maxUnknownShare;
    }

    public Integer getConfirmWindows() {
        return confirmWindows;
    }

    @DataBoundSetter
    public void setConfirmWindows(Integer confirmWindows) {
        this.confirmWindows = confirmWindows;
    }

    public Object getSoak() {
        return soak;
    }

    /** A duration as text ({@code '30m'}) or a number of seconds. */
    @DataBoundSetter
    public void setSoak(Object soak) {
        this.soak = soak;
    }

    public Object getTimeout() {
        return timeout;
    }

    /** A duration as text ({@code '24h'}) or a number of seconds. */
    @DataBoundSetter
    public void setTimeout(Object timeout) {
        this.timeout = timeout;
    }

    public Object getPollInterval() {
        return pollInterval;
    }

    /** A duration as text ({@code '5m'}) or a number of seconds. */
    @DataBoundSetter
    public void setPollInterval(Object pollInterval) {
        this.pollInterval = pollInterval;
    }

    public String getOnTimeout() {
        return onTimeout;
    }

    @DataBoundSetter
    public void setOnTimeout(String onTimeout) {
        this.onTimeout = onTimeout;
    }

    public String getOnDataDrift() {
        return onDataDrift;
    }

    @DataBoundSetter
    public void setOnDataDrift(String onDataDrift) {
        this.onDataDrift = onDataDrift;
    }

    public boolean isAutoAdvance() {
        return autoAdvance;
    }

    @DataBoundSetter
    public void setAutoAdvance(boolean autoAdvance) {
        this.autoAdvance = autoAdvance;
    }

    public String getSigningKey() {
        return signingKey;
    }

    @DataBoundSetter
    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    /** Registers {@code awaitDriftGate} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return AwaitDriftGateContract.STEP.function();
        }

        @Override
        public String getDisplayName() {
            return AwaitDriftGateContract.STEP.displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
