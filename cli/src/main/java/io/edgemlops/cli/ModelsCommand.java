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

    @Command(name = "history", description = "Show a model's retraining lineage (each version with its parent, "
            + "dataset, metrics and what triggered it) and its audit trail, oldest first.")
    static final class History extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            ModelRegistry registry = registry(store);
            List<Integer> versions = registry.listVersions(name);
            if (versions.isEmpty()) {
                throw new io.edgemlops.store.NotFoundException("unknown model '" + name + "' in " + store.location());
            }
            Map<String, Integer> aliases = aliasVersions(registry, name);
            List<Map<String, Object>> lineage = new ArrayList<>();
            for (int version : versions) {
                lineage.add(lineageRow(registry.get(name, version), aliases));
            }
            err().print(lineageTable(name, lineage));
            err().flush();
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("model", name);
            result.put("lineage", lineage);
            result.put("entries", registry.history(name).stream().map(Output::toMap).toList());
            return result;
        }
    }

    /**
     * The retraining chain of {@code card}, newest first: the card, its parent, the parent's parent, at most
     * {@code depth} versions; stops at a parent that no longer exists or repeats.
     */
    static List<Map<String, Object>> chain(ModelRegistry registry, ModelCard card, int depth) {
        Map<String, Integer> aliases = aliasVersions(registry, card.name());
        List<Map<String, Object>> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        ModelCard current = card;
        while (current != null && out.size() < depth && seen.add(current.version())) {
            out.add(lineageRow(current, aliases));
            Integer parent = current.lineage() == null ? null : current.lineage().parentVersion();
            ModelCard next = null;
            if (parent != null) {
                try {
                    next = registry.get(card.name(), parent);
                } catch (io.edgemlops.store.NotFoundException gone) {
                    next = null;
                }
            }
            current = next;
        }
        return out;
    }

    /**
     * One version in the retraining chain: {@code version}, {@code parentVersion} (the version in production when it
     * was trained), {@code datasetSha256}, the headline metrics, {@code trigger} and the aliases pointing at it.
     */
    static Map<String, Object> lineageRow(ModelCard card, Map<String, Integer> aliases) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", card.version());
        row.put("parentVersion", card.lineage() == null ? null : card.lineage().parentVersion());
        row.put("createdAt", card.createdAt() == null ? null : card.createdAt().toString());
        row.put("datasetSha256", card.lineage() == null ? null : card.lineage().datasetSha256());
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (card.metrics() != null) {
            if (card.metrics().accuracy() != null) {
                metrics.put("accuracy", card.metrics().accuracy());
                metrics.put("macroF1", card.metrics().macroF1());
            }
            if (card.metrics().rmse() != null) {
                metrics.put("rmse", card.metrics().rmse());
                metrics.put("r2", card.metrics().r2());
            }
        }
        row.put("metrics", metrics);
        row.put("trigger", card.lineage() == null ? null : card.lineage().trigger());
        row.put("build", card.lineage() == null ? null
                : card.lineage().buildUrl() != null ? card.lineage().buildUrl() : card.lineage().buildId());
        List<String> names = new ArrayList<>();
        aliases.forEach((alias, version) -> {
            if (version == card.version()) {
                names.add(alias);
            }
        });
        row.put("aliases", names);
        return row;
    }

    /** The chain as a table for the console: version, parent, dataset, metrics, aliases and trigger. */
    static String lineageTable(String model, List<Map<String, Object>> lineage) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "PARENT", "DATASET", "METRICS", "ALIASES", "TRIGGER"});
        for (Map<String, Object> r : lineage) {
            String dataset = r.get("datasetSha256") == null ? "-" : r.get("datasetSha256").toString();
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) r.get("metrics");
            List<String> figures = new ArrayList<>();
            metrics.forEach((k, v) -> figures.add(k + " " + io.edgemlops.target.Numbers.format(((Number) v)
                    .doubleValue())));
            @SuppressWarnings("unchecked")
            List<String> aliases = (List<String>) r.get("aliases");
            rows.add(new String[] {"v" + r.get("version"),
                    r.get("parentVersion") == null ? "-" : "v" + r.get("parentVersion"),
                    dataset.length() > 12 ? dataset.substring(0, 12) : dataset,
                    figures.isEmpty() ? "-" : String.join(", ", figures),
                    aliases.isEmpty() ? "-" : String.join(", ", aliases),
                    r.get("trigger") == null ? "-" : r.get("trigger").toString()});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder(model).append(": ").append(lineage.size())
                .append(" version(s); the parent is the version that was in production when a version was trained\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            line.append(row[widths.length]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
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
