package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import io.edgemlops.contract.PublishToEdgeContract;
import io.edgemlops.contract.StepContract;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code publishToEdge(model:, fleet:, targets:, ...)}: starts a staged, signed rollout of a model version to a fleet.
 * Parameters, defaults, rules, help and result keys are those of {@link PublishToEdgeContract}; this class only binds
 * them for Jenkins. {@code targets} and {@code waves} are plain {@code Object}s so a Jenkinsfile passes Groovy maps and
 * lists ({@code targets: ['raspberry-pi-4': 'int8']}, {@code waves: [[count: 1, target: 'jetson-nano-cpu'], 10, 100]})
 * and the Snippet Generator's text field passes their command-line text; {@link GroovyValues} reads both.
 *
 * <p>The signing key is never an argument's value: {@code signingKey} names a file, and without it the engine reads
 * {@code EDGE_MLOPS_SIGNING_KEY}, which reaches it from the build's environment like every {@code EDGE_MLOPS_*}
 * variable ({@link EngineEnvironment}), masked in the log.
 */
public final class PublishToEdgeStep extends EngineStep {

    private final String model;
    private final String fleet;
    private final Object targets;
    private Object version;
    private Object waves;
    private boolean shadow;
    private boolean allowUnvalidated;
    private boolean allowRegression;
    private boolean supersede;
    private String signingKey;
    private String reason;
    private String telemetryWindow;

    @DataBoundConstructor
    public PublishToEdgeStep(String model, String fleet, Object targets) {
        this.model = model;
        this.fleet = fleet;
        this.targets = targets;
    }

    @Override
    protected StepContract contract() {
        return PublishToEdgeContract.STEP;
    }

    @Override
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return RolloutSection.fromResult(result);
    }

    public String getModel() {
        return model;
    }

    public String getFleet() {
        return fleet;
    }

    /** A map of target profile to variant, or its text {@code raspberry-pi-4=int8,x86-gateway=fp32}. */
    public Object getTargets() {
        return targets;
    }

    public Object getVersion() {
        return version;
    }

    /** Text or a number, so {@code version: t.version} works as well as {@code version: 'latest'}. */
    @DataBoundSetter
    public void setVersion(Object version) {
        this.version = version;
    }

    public Object getWaves() {
        return waves;
    }

    /** Numbers (percent) and pilot maps {@code [count: 1, target: 'jetson-nano-cpu']}, or their text. */
    @DataBoundSetter
    public void setWaves(Object waves) {
        this.waves = waves;
    }

    public boolean isShadow() {
        return shadow;
    }

    @DataBoundSetter
    public void setShadow(boolean shadow) {
        this.shadow = shadow;
    }

    public boolean isAllowUnvalidated() {
        return allowUnvalidated;
    }

    @DataBoundSetter
    public void setAllowUnvalidated(boolean allowUnvalidated) {
        this.allowUnvalidated = allowUnvalidated;
    }

    public boolean isAllowRegression() {
        return allowRegression;
    }

    @DataBoundSetter
    public void setAllowRegression(boolean allowRegression) {
        this.allowRegression = allowRegression;
    }

    public boolean isSupersede() {
        return supersede;
    }

    @DataBoundSetter
    public void setSupersede(boolean supersede) {
        this.supersede = supersede;
    }

    public String getSigningKey() {
        return signingKey;
    }

    @DataBoundSetter
    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getTelemetryWindow() {
        return telemetryWindow;
    }

    @DataBoundSetter
    public void setTelemetryWindow(String telemetryWindow) {
        this.telemetryWindow = telemetryWindow;
    }

    /** Registers {@code publishToEdge} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return PublishToEdgeContract.STEP.function();
        }

        @Override
        public String getDisplayName() {
            return PublishToEdgeContract.STEP.displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
