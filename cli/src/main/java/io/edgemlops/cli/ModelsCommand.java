package io.edgemlops.cli;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.Lineage;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelDraft;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.store.OpenStore;
import io.edgemlops.train.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge-mlops models list|show|alias|history|selftest}: the model registry from the command line. */
@Command(name = "models", description = "Inspect and manage the model registry.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.SetAlias.class,
                ModelsCommand.History.class, ModelsCommand.SelfTest.class})
public final class ModelsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: list, show, alias, history or selftest");
    }

    /** Alias name to the version it points at. */
    static Map<String, Integer> aliasVersions(ModelRegistry registry, String name) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        registry.listAliases(name).forEach((alias, rec) -> aliases.put(alias, rec.version()));
        return aliases;
    }

    /** Splits {@code NAME[@REF]} into name and ref ("latest" when absent). */
    static String[] splitRef(String spec) {
        int at = spec.indexOf('@');
        String name = at < 0 ? spec : spec.substring(0, at);
        String ref = at < 0 ? "latest" : spec.substring(at + 1);
        ModelRegistry.checkName(name);
        if (ref.isBlank()) {
            throw new IllegalArgumentException("'" + spec + "' has an empty version after '@'");
        }
        return new String[] {name, ref};
    }

    @Command(name = "list", description = "List models with their latest version and aliases.")
    static final class ListModels extends StoreCommand {
        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            ModelRegistry registry = registry(store);
            List<Map<String, Object>> models = new ArrayList<>();
            for (String name : registry.listModels()) {
                List<Integer> versions = registry.listVersions(name);
                if (versions.isEmpty()) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", name);
                m.put("versions", versions.size());
                m.put("latest", versions.get(versions.size() - 1));
                m.put("aliases", aliasVersions(registry, name));
                models.add(m);
            }
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("store", store.location().uri());
            result.put("models", models);
            return result;
        }
    }

    @Command(name = "show", description = "Show a model card: NAME, NAME@VERSION or NAME@ALIAS (default latest).")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME[@VERSION|@ALIAS]")
        String model;

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            String[] ref = splitRef(model);
            ModelRegistry registry = registry(store);
            ModelCard card = registry.resolve(ref[0], ref[1]);
            LinkedHashMap<String, Object> result = Output.toMap(card);
            result.put("aliases", aliasVersions(registry, card.name()));
            Map<String, Object> validations = new LinkedHashMap<>();
            for (String target : registry.listValidations(card.name(), card.version())) {
                registry.getValidation(card.name(), card.version(), target).ifPresent(v -> validations.put(target, v));
            }
            result.put("validations", validations);
            return result;
        }
    }

    @Command(name = "alias", description = "Point an alias (e.g. production) at a version; fails on a concurrent change.")
    static final class SetAlias extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;
        @Parameters(index = "2", paramLabel = "VERSION")
        int version;
        @Option(names = "--reason", description = "Why (recorded in the history)")
        String reason;

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            Audit audit = Audit.fromEnvironment(reason).fromBuild(build.reference());
            AliasRecord rec = registry(store).setAlias(name, alias, version, audit);
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("model", rec.model());
            result.put("alias", rec.alias());
            result.put("version", rec.version());
            result.put("previousVersion", rec.previousVersion());
            result.put("actor", rec.actor());
            return result;
        }
    }

    @Command(name = "history", description = "Show a model's audit trail, oldest first.")
    static final class History extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            ModelRegistry registry = registry(store);
            if (registry.listVersions(name).isEmpty()) {
                throw new io.edgemlops.store.NotFoundException("unknown model '" + name + "' in " + store.location());
            }
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("model", name);
            result.put("entries", registry.history(name).stream().map(Output::toMap).toList());
            return result;
        }
    }

    @Command(name = "selftest", description = "Register a tiny model version and read it back: checks the store end to end.")
    static final class SelfTest extends StoreCommand {
        @Option(names = "--model", defaultValue = "selftest", description = "Model name to register (default ${DEFAULT-VALUE})")
        String name;

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            long start = System.nanoTime();
            ModelRegistry registry = registry(store);
            byte[] payload = ("edge-mlops selftest " + java.time.Instant.now()).getBytes(StandardCharsets.UTF_8);
            Variant variant = registry.storeVariant("fp32", payload, "bytes", Map.of("purpose", "selftest"));
            FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.numeric("x")), "y",
                    FeatureSchema.Task.CLASSIFICATION, List.of("a", "b"));
            Metrics metrics = Metrics.classification(new int[] {0, 1}, new int[] {0, 1}, List.of("a", "b"));
            DatasetProfile baseline = new DatasetProfile(2, List.of(new FeatureProfile("x", List.of(0.0, 1.0), null,
                    List.of(2L), 0, 0, 0, 0.5, 0.5)), Map.of("a", 1L, "b", 1L));
            Lineage lineage = new Lineage(null, "selftest", 2, null, null, null, Map.of("edge-mlops", "0.1.0"), Map.of());
            ModelCard card = registry.register(name, new ModelDraft(FeatureSchema.Task.CLASSIFICATION, schema, metrics,
                    baseline, lineage, Map.of("fp32", variant), null, Map.of()), Audit.fromEnvironment("selftest"));
            err().println("edge-mlops: registered " + card.ref() + " in " + store.location());
            ModelCard read = registry.resolve(name, "latest");
            byte[] back = store.store().getBlob(read.variant("fp32").blob().sha256());
            boolean same = read.equals(card) && Arrays.equals(back, payload);
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("passed", same);
            if (!same) {
                result.put("reason", "the model read back differs from the one registered");
            }
            result.put("store", store.location().uri());
            result.put("model", name);
            result.put("version", card.version());
            result.put("sha256", variant.blob().sha256());
            result.put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
            return result;
        }
    }
}
