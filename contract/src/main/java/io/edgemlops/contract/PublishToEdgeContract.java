package io.edgemlops.contract;

import static io.edgemlops.contract.ParameterType.FLAG;
import static io.edgemlops.contract.ParameterType.TEXT;
import static io.edgemlops.contract.ParameterType.TEXT_MAP;
import static io.edgemlops.contract.ParameterType.TEXT_OR_WHOLE_NUMBER;
import static io.edgemlops.contract.ParameterType.WAVE_LIST;

import java.util.List;

/**
 * {@code publishToEdge} / {@code edge-mlops publish}: start a staged, signed rollout of a model version to a fleet.
 *
 * <p>No {@code failOnError}: publishing has no check that can fail with a result (exit code 1). Its refusals are bad
 * input (a variant without a passing validation, exit code 2) or a conflict (a rollout still in progress, exit code 3),
 * and those fail the build whatever {@code failOnError} would say, so the parameter would only mislead.
 */
public final class PublishToEdgeContract {

    private PublishToEdgeContract() {
    }

    public static final String DEFAULT_VERSION = "latest";
    /** 5 %, 25 %, then the whole fleet. */
    public static final List<String> DEFAULT_WAVES = List.of("5", "25", "100");
    /** Where the signing key comes from when {@code signingKey} is not given: its PEM text, or a PEM file's path. */
    public static final String SIGNING_KEY_VARIABLE = "EDGE_MLOPS_SIGNING_KEY";

    public static final Parameter MODEL = Parameter.builder("model", TEXT).required()
            .title("Model name")
            .help("Name of the model in the registry.")
            .build();
    public static final Parameter VERSION = Parameter.builder("version", TEXT_OR_WHOLE_NUMBER)
            .defaultValue(DEFAULT_VERSION)
            .title("Version")
            .help("The version to roll out: a number (`version: t.version` works), `latest`, or an alias.")
            .build();
    public static final Parameter FLEET = Parameter.builder("fleet", TEXT).required()
            .title("Fleet")
            .help("The fleet of devices to roll out to, e.g. `eu`: lower-case letters, digits, `.`, `_` and `-`. Its "
                    + "devices poll `fleets/<fleet>/desired/<model>.json` in the store.")
            .build();
    public static final Parameter TARGETS = Parameter.builder("targets", TEXT_MAP).required()
            .title("Targets and variants")
            .help("Which variant each class of device runs: a map from target profile to variant, e.g. "
                    + "`['raspberry-pi-4': 'int8', 'x86-gateway': 'fp32']` (`raspberry-pi-4=int8,x86-gateway=fp32` on "
                    + "the command line). A target is a bundled profile or a profile JSON file in the workspace. Each "
                    + "variant needs a passing `validateForTarget` for its target, unless `allowUnvalidated: true`, and "
                    + "must not be worse than the version in production, unless `allowRegression: true`.")
            .build();
    public static final Parameter WAVES = Parameter.builder("waves", WAVE_LIST)
            .defaultValue(DEFAULT_WAVES)
            .defaultText("`[5, 25, 100]`: 5 %, then 25 %, then the whole fleet")
            .title("Waves")
            .help("The rollout's waves in order. A number is a share of the fleet in percent, counted from the start "
                    + "(`25` is a quarter of all devices, the earlier waves' included); devices fall into it by a hash "
                    + "of their id and the rollout's, so a device of one wave stays in the next. A pilot "
                    + "`[count: 1, target: 'jetson-nano-cpu']` names that many devices of a target (or of any target "
                    + "without `target`) among those that have reported to the fleet. On the command line: "
                    + "`1@jetson-nano-cpu,10,100`.")
            .build();
    public static final Parameter SHADOW = Parameter.builder("shadow", FLAG)
            .defaultValue(false)
            .title("First wave in shadow")
            .help("The first wave's devices run the new version beside the one they serve, on the same inputs, and "
                    + "keep serving the old one: the new version is judged before anything relies on it.")
            .build();
    public static final Parameter ALLOW_UNVALIDATED = Parameter.builder("allowUnvalidated", FLAG)
            .defaultValue(false)
            .title("Allow variants without a passing validation")
            .help("Publish a variant that has no passing `validateForTarget` for its target instead of refusing it. "
                    + "The override is recorded in the rollout and the model's history, and returned in `overrides`.")
            .build();
    public static final Parameter ALLOW_REGRESSION = Parameter.builder("allowRegression", FLAG)
            .defaultValue(false)
            .title("Allow a regression against production")
            .help("Publish a variant whose `validateForTarget` found it worse than the version in production by more "
                    + "than its `maxRegression` (the champion / challenger check), or compared it with another version "
                    + "than the one in production now, instead of refusing it. A variant whose other checks failed "
                    + "still needs `allowUnvalidated`. The override is recorded in the rollout and the model's history "
                    + "with the build, and returned in `overrides`.")
            .build();
    public static final Parameter SUPERSEDE = Parameter.builder("supersede", FLAG)
            .defaultValue(false)
            .title("Replace a rollout in progress")
            .help("Replace a rollout of the same model to the same fleet that is still in progress; it is marked "
                    + "superseded. Without this the step refuses and names that rollout. The override is recorded and "
                    + "returned in `overrides`.")
            .build();
    public static final Parameter SIGNING_KEY = Parameter.builder("signingKey", TEXT)
            .defaultText("the `" + SIGNING_KEY_VARIABLE + "` environment variable")
            .title("Signing key file")
            .help("The Ed25519 private key that signs the desired state: a PEM file (PKCS#8, as `edge-mlops keys "
                    + "generate` or `openssl genpkey -algorithm ed25519` writes it), relative to the workspace. "
                    + "Without it the key comes from the `" + SIGNING_KEY_VARIABLE + "` environment variable, which "
                    + "holds the PEM text or the path of a PEM file, so `withCredentials` with a secret text or secret "
                    + "file credential bound to that variable supplies it. The key itself is never printed.")
            .build();
    public static final Parameter TELEMETRY_WINDOW = Parameter.builder("telemetryWindow", ParameterType.DURATION)
            .defaultValue("5m").range(Range.atLeast(1))
            .title("Telemetry window")
            .help("How long each device counts before it reports: every device of the fleet aligns its windows to "
                    + "multiples of it, and the drift gate judges whole windows, so a decision needs at least two of "
                    + "them after the wave's soak time. Shorter windows decide sooner and cost more objects in the "
                    + "store; `30s` suits a demonstration, `5m` a fleet.")
            .build();
    public static final Parameter REASON = Parameter.builder("reason", TEXT)
            .defaultText("`publish <model>@<version> to <fleet>`")
            .title("Reason")
            .help("Why this rollout, for the audit trail: the rollout's record and the model's history.")
            .build();

    public static final ResultKey R_ROLLOUT = ResultKey.always("rollout", "Rollout",
            "the rollout's id, `<model>-v<version>-<UTC time>` (e.g. `pump-v3-20261125T100000Z`); its record is "
                    + "`fleets/<fleet>/rollouts/<model>/<id>.json`");
    public static final ResultKey R_FLEET = ResultKey.always("fleet", "Fleet", "the fleet");
    public static final ResultKey R_MODEL = ResultKey.always("model", "Model", "the model");
    public static final ResultKey R_VERSION = ResultKey.always("version", "Version",
            "the version number rolled out, also when `version` was `latest` or an alias");
    public static final ResultKey R_WAVE = ResultKey.always("wave", "Current wave",
            "the current wave, counted from 1 (`waves[wave - 1]` in Groovy): 1 right after publishing");
    public static final ResultKey R_WAVES = ResultKey.always("waves", "Waves",
            "the waves as text, e.g. `['1@jetson-nano-cpu', '10%', '100%']` (`N@any` for a pilot of any target)");
    public static final ResultKey R_PREVIOUS_VERSION = ResultKey.sometimes("previousVersion", "Previous version",
            "the version the fleet goes back to on a rollback: the one the last finished rollout put in place (when "
                    + "superseding, the superseded rollout's own previous version); absent on the first rollout of "
                    + "the model to the fleet");
    public static final ResultKey R_TARGETS = ResultKey.always("targets", "Targets",
            "a map from target profile name to the variant its devices run");
    public static final ResultKey R_SHADOW = ResultKey.always("shadow", "First wave in shadow",
            "whether the first wave runs the new version in shadow");
    public static final ResultKey R_OVERRIDES = ResultKey.always("overrides", "Overrides",
            "the refusals overridden with `allowUnvalidated`, `allowRegression` or `supersede`, one sentence each; "
                    + "empty when none");
    public static final ResultKey R_SUPERSEDES = ResultKey.sometimes("supersedes", "Supersedes",
            "the id of the rollout in progress that this one replaced (`supersede: true`)");
    public static final ResultKey R_KEY_ID = ResultKey.always("keyId", "Signing key",
            "the id of the key that signed the desired state: the first 16 hex digits of the SHA-256 of its public "
                    + "key, as `edge-mlops keys generate` prints it; devices verify with that public key");

    public static final StepContract STEP = new StepContract("publishToEdge", "publish",
            "Publish a model to an edge fleet (Edge MLOps)",
            "Starts a staged rollout of a model version to a fleet of edge devices: for each target profile, the "
                    + "variant its devices run, in waves (by default 5 %, then 25 %, then the whole fleet). It writes "
                    + "the rollout's record and the fleet's desired state for the model, which its devices poll, "
                    + "signed with an Ed25519 key: the file and checksum each target runs, who is in the current wave, "
                    + "and the version to go back to. Later waves follow as the drift gate promotes the rollout.\n\n"
                    + "The step refuses a variant without a passing `validateForTarget` for its target, a variant "
                    + "worse than the version in production (its champion / challenger check failed), and a second "
                    + "rollout of the model to the fleet while one is in progress, naming it; `allowUnvalidated: true`, "
                    + "`allowRegression: true` and `supersede: true` override these, and the override is recorded. The key comes from "
                    + "`signingKey` (a PEM file) or the `" + SIGNING_KEY_VARIABLE + "` environment variable (bind a "
                    + "credential to it with `withCredentials`). Returns a map with `rollout`, `fleet`, `model`, "
                    + "`version`, `wave`, `waves`, `previousVersion` and `targets`.",
            "withCredentials([file(credentialsId: 'fleet-signing-key', variable: '" + SIGNING_KEY_VARIABLE
                    + "')]) {\n"
                    + "    def r = publishToEdge model: 'pump', version: t.version, fleet: 'eu',\n"
                    + "                          targets: ['raspberry-pi-4': 'int8', 'x86-gateway': 'fp32']\n"
                    + "    echo \"rollout ${r.rollout}: wave ${r.wave} of ${r.waves.size()}\"\n"
                    + "}",
            List.of(MODEL, VERSION, FLEET, TARGETS, WAVES, SHADOW, ALLOW_UNVALIDATED, ALLOW_REGRESSION, SUPERSEDE, SIGNING_KEY,
                    TELEMETRY_WINDOW, REASON, CommonParameters.STORE),
            List.of(R_ROLLOUT, R_FLEET, R_MODEL, R_VERSION, R_WAVE, R_WAVES, R_PREVIOUS_VERSION, R_TARGETS, R_SHADOW,
                    R_OVERRIDES, R_SUPERSEDES, R_KEY_ID));
}
