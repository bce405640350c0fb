package io.edgemlops.cli;

import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.BlobRef;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreException;
import io.edgemlops.store.VersionedBytes;
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

    /**
     * Checks that a store works for the registry, without registering anything: a model registered
     * only to test the store would show up in {@code models list}, could be aliased to production and
     * would add a version on every run. Instead it exercises the primitives the registry is built on,
     * under {@code selftest/<id>/} and one unique blob, and deletes what it wrote.
     */
    @Command(name = "selftest", description = "Check a store end to end: write and read back a blob, create-if-absent, "
            + "compare-and-swap (and its conflict), list and delete, under selftest/<id>/; leaves nothing behind "
            + "and registers no model.")
    static final class SelfTest extends StoreCommand {

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            long start = System.nanoTime();
            ObjectStore s = store.store();
            String id = java.util.UUID.randomUUID().toString();
            String prefix = "selftest/" + id + "/";
            String key = prefix + "probe.json";
            LinkedHashMap<String, Object> checks = new LinkedHashMap<>();
            String failed = null;
            BlobRef blob = null;
            try {
                byte[] payload = ("edge-mlops selftest " + id).getBytes(StandardCharsets.UTF_8);
                blob = s.putBlob(payload);
                failed = check(checks, "blob", Arrays.equals(s.getBlob(blob.sha256()), payload),
                        "the blob read back differs from the one written", failed);

                byte[] first = "{\"step\":1}".getBytes(StandardCharsets.UTF_8);
                boolean created = s.createIfAbsent(key, first);
                failed = check(checks, "createIfAbsent", created && !s.createIfAbsent(key, first),
                        "create-if-absent (If-None-Match) did not create exactly once", failed);

                VersionedBytes current = s.getVersioned(key).orElseThrow(
                        () -> new StoreException("the probe " + key + " vanished after it was created"));
                byte[] second = "{\"step\":2}".getBytes(StandardCharsets.UTF_8);
                s.compareAndSwap(key, second, current.etag());
                boolean conflict = false;
                try {
                    s.compareAndSwap(key, first, current.etag());
                } catch (ConflictException expected) {
                    conflict = true;
                }
                boolean swapped = s.getBytes(key).map(b -> Arrays.equals(b, second)).orElse(false);
                failed = check(checks, "compareAndSwap", swapped && conflict,
                        "compare-and-swap (If-Match) " + (swapped ? "accepted a stale ETag" : "did not replace the object"),
                        failed);

                boolean listed = s.list(prefix).stream().anyMatch(o -> o.key().equals(key));
                failed = check(checks, "list", listed, "the probe is missing from the listing of " + prefix, failed);
            } finally {
                s.delete(key);
                if (blob != null) {
                    s.delete(blob.key());
                }
            }
            failed = check(checks, "delete", s.head(key).isEmpty(), "the probe " + key + " is still there after delete",
                    failed);
            err().println("edge-mlops: checked " + store.location() + " under " + prefix + " (removed)");
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("passed", failed == null);
            if (failed != null) {
                result.put("reason", failed);
            }
            result.put("store", store.location().uri());
            result.put("checks", checks);
            result.put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
            return result;
        }

        /** Records one check; returns the first failure's reason so far. */
        private static String check(Map<String, Object> checks, String name, boolean ok, String reason, String failed) {
            checks.put(name, ok ? "ok" : "failed");
            return failed != null || ok ? failed : reason;
        }
    }
}
