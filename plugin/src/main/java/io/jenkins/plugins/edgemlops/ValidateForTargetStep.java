package io.jenkins.plugins.edgemlops;

import hudson.Extension;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code validateForTarget(model:, version:, target:, ...)}: checks one model version and variant against a device
 * profile (size, memory, operators, latency measured on ONNX Runtime, accuracy), writes a JUnit XML report with one test
 * case per check and returns {@code [passed, target, variant, checks, latencyP95Ms, accuracy, report]}. Runs
 * {@code edge-mlops validate}.
 */
public final class ValidateForTargetStep extends EngineStep {

    public static final String FUNCTION = "validateForTarget";
    public static final String DEFAULT_VARIANT = "fp32";
    /** Folder (relative to the workspace) of the default report paths. */
    public static final String REPORT_DIRECTORY = "edge-mlops-reports";

    private final String model;
    private final Object version;
    private final String target;
    private String variant = DEFAULT_VARIANT;
    private Double minAccuracy;
    private String report;

    /**
     * @param model   model name in the registry
     * @param version version number (text or number, so {@code version: t.version} works)
     * @param target  a bundled device profile name, or a profile JSON file in the workspace
     */
    @DataBoundConstructor
    public ValidateForTargetStep(String model, Object version, String target) {
        this.model = model;
        this.version = version;
        this.target = target;
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    protected String subcommand() {
        return "validate";
    }

    @Override
    protected void addArguments(ArgumentChecks checks, EngineArguments args) {
        String checkedTarget = checks.requireText("target", target);
        args.add("model", checks.requireText("model", model))
                .add("version", checks.requireTextOrWholeNumber("version", version))
                .add("target", checkedTarget)
                .add("variant", effectiveVariant())
                .add("minAccuracy", checks.between("minAccuracy", minAccuracy, 0, false, 1, false))
                .add("report", checkedTarget == null ? null : effectiveReport());
    }

    @Override
    protected void completeResult(Map<String, Object> result) {
        result.putIfAbsent("target", target.trim());
        result.putIfAbsent("variant", effectiveVariant());
        result.putIfAbsent("report", effectiveReport());
    }

    @Override
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return ValidationSection.fromResult(result, model, new ArgumentChecks(FUNCTION)
                .requireTextOrWholeNumber("version", version), target, effectiveVariant());
    }

    /** The variant validated: the one given, else {@code fp32}. */
    public String effectiveVariant() {
        return variant == null || variant.isBlank() ? DEFAULT_VARIANT : variant.trim();
    }

    /**
     * The JUnit report path: the one given, else {@code edge-mlops-reports/validate-<target>-<variant>.xml}, where a
     * profile file {@code targets/pi.json} contributes {@code pi}.
     */
    public String effectiveReport() {
        if (report != null && !report.isBlank()) {
            return report.trim();
        }
        return REPORT_DIRECTORY + "/validate-" + slug(target) + "-" + slug(effectiveVariant()) + ".xml";
    }

    static String slug(String name) {
        String base = name.trim().replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            base = base.substring(0, base.length() - ".json".length());
        }
        String slug = base.replaceAll("[^A-Za-z0-9._-]+", "-");
        return slug.isEmpty() ? "target" : slug;
    }

    public String getModel() {
        return model;
    }

    public Object getVersion() {
        return version;
    }

    public String getTarget() {
        return target;
    }

    public String getVariant() {
        return variant;
    }

    /** {@code fp32} (default), or a quantized variant such as {@code int8} or {@code fp16}. */
    @DataBoundSetter
    public void setVariant(String variant) {
        this.variant = variant;
    }

    public Double getMinAccuracy() {
        return minAccuracy;
    }

    /** Lowest acceptable accuracy on the model's evaluation data, in {@code [0, 1]}; default: the profile's. */
    @DataBoundSetter
    public void setMinAccuracy(Double minAccuracy) {
        this.minAccuracy = minAccuracy;
    }

    public String getReport() {
        return report;
    }

    /** Where to write the JUnit XML report, relative to the workspace. */
    @DataBoundSetter
    public void setReport(String report) {
        this.report = report;
    }

    /** Registers {@code validateForTarget} with Pipeline. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Validate an edge model for a target device (Edge MLOps)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }
    }
}
