package io.edgemlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgemlops.store.BlobRef;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.NotFoundException;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.StoreException;
import io.edgemlops.store.VersionedBytes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Models, versions, variants, validations, aliases and their audit trail, kept in an
 * {@link ObjectStore} with the layout of docs/storage.md:
 *
 * <pre>
 * models/&lt;name&gt;/versions/&lt;n&gt;/allocated            version number claimed (If-None-Match: *)
 * models/&lt;name&gt;/versions/&lt;n&gt;/model.json           the model card, written last
 * models/&lt;name&gt;/versions/&lt;n&gt;/validation/&lt;target&gt;.json
 * models/&lt;name&gt;/aliases/&lt;alias&gt;.json               changed only with If-Match
 * models/&lt;name&gt;/history/&lt;time&gt;-&lt;event&gt;.json      append-only
 * </pre>
 *
 * A version exists for readers only once its model.json exists; a claimed number without one (a
 * writer that died half way) is skipped by readers and never reused.
 */
public final class ModelRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    // Sortable UTC time with microseconds: history keys list in chronological order.
    private static final DateTimeFormatter HISTORY_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 1000;

    private final ObjectStore store;
    private final Clock clock;

    public ModelRegistry(ObjectStore store) {
        this(store, Clock.systemUTC());
    }

    public ModelRegistry(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The underlying store. */
    public ObjectStore store() {
        return store;
    }

    // ---------------------------------------------------------------- names and keys

    /** Checks a model name ({@code [a-z0-9][a-z0-9._-]*}, at most 100 characters). */
    public static String checkName(String name) {
        if (name == null || name.length() > 100 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid model name '" + name
                    + "': use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    private static String checkAliasName(String alias) {
        if (alias == null || !NAME.matcher(alias).matches() || NUMBER.matcher(alias).matches() || alias.equals("latest")) {
            throw new IllegalArgumentException("invalid alias name '" + alias
                    + "': use lower-case letters, digits, '.', '_' and '-'; not a number and not 'latest'");
        }
        return alias;
    }

    private static String checkTarget(String target) {
        if (target == null || !NAME.matcher(target).matches()) {
            throw new IllegalArgumentException("invalid target name '" + target + "' (lower-case letters, digits, '.', '_', '-')");
        }
        return target;
    }

    static String modelPrefix(String name) {
        return "models/" + name + "/";
    }

    static String versionPrefix(String name, int version) {
        return modelPrefix(name) + "versions/" + version + "/";
    }

    /** Key of a version's model card. */
    public static String cardKey(String name, int version) {
        return versionPrefix(name, version) + "model.json";
    }

    /** Key of a version's validation record for a target. */
    public static String validationKey(String name, int version, String target) {
        return versionPrefix(name, version) + "validation/" + target + ".json";
    }

    /** Key of an alias. */
    public static String aliasKey(String name, String alias) {
        return modelPrefix(name) + "aliases/" + alias + ".json";
    }

    // ---------------------------------------------------------------- register

    /**
     * Uploads a model file as a blob and describes it as a variant, ready for a {@link ModelDraft}
     * or {@link #addVariant}.
     */
    public Variant storeVariant(String variantName, Path file, String format, Map<String, Object> details) {
        BlobRef blob = store.putBlob(file);
        return new Variant(variantName, blob, blob.size(), format, details);
    }

    /** Same as {@link #storeVariant(String, Path, String, Map)} for bytes in memory. */
    public Variant storeVariant(String variantName, byte[] model, String format, Map<String, Object> details) {
        BlobRef blob = store.putBlob(model);
        return new Variant(variantName, blob, blob.size(), format, details);
    }

    /**
     * Registers a new version: checks that every referenced blob is stored, claims the next version
     * number with a conditional create (retrying on a lost race), then writes model.json, then the
     * history entry.
     */
    public ModelCard register(String name, ModelDraft draft, Audit audit) {
        checkName(name);
        if (draft.variants().isEmpty()) {
            throw new IllegalArgumentException("model " + name + ": a new version needs at least one variant");
        }
        for (Variant v : draft.variants().values()) {
            requireBlob(name, v.blob(), "variant " + v.name());
        }
        if (draft.holdout() != null) {
            requireBlob(name, draft.holdout(), "holdout");
        }
        int version = allocateVersion(name);
        ModelCard card = new ModelCard(name, version, clock.instant(), draft.task(), draft.schema(), draft.metrics(),
                draft.baseline(), draft.lineage(), draft.variants(), draft.holdout(), draft.fillValues());
        if (!store.createIfAbsent(cardKey(name, version), Json.toPrettyBytes(card))) {
            throw new ConflictException("model " + name + " version " + version + " already has a model card at "
                    + store.location().describe(cardKey(name, version)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("variants", new ArrayList<>(draft.variants().keySet()));
        if (draft.lineage() != null && draft.lineage().datasetSha256() != null) {
            details.put("datasetSha256", draft.lineage().datasetSha256());
        }
        appendHistory(name, "registered", version, audit, details);
        return card;
    }

    /** Registers with the audit information of the environment. */
    public ModelCard register(String name, ModelDraft draft) {
        return register(name, draft, Audit.fromEnvironment(null));
    }

    private void requireBlob(String name, BlobRef ref, String what) {
        Optional<ObjectInfo> info = store.head(ref.key());
        if (info.isEmpty() || info.get().size() != ref.size()) {
            throw new NotFoundException("model " + name + ": " + what + " blob " + store.location().describe(ref.key())
                    + " is not stored (upload blobs before registering)");
        }
    }

    private int allocateVersion(String name) {
        int next = highestClaimed(name) + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, next++) {
            byte[] marker = Json.toBytes(Map.of("model", name, "version", next, "claimedAt", clock.instant().toString()));
            if (store.createIfAbsent(versionPrefix(name, next) + "allocated", marker)) {
                return next;
            }
        }
        throw new StoreException("model " + name + ": could not claim a version number after " + MAX_ATTEMPTS + " attempts");
    }

    private int highestClaimed(String name) {
        int max = 0;
        for (String p : store.listPrefixes(modelPrefix(name) + "versions/")) {
            String n = p.substring(p.lastIndexOf('/', p.length() - 2) + 1, p.length() - 1);
            if (NUMBER.matcher(n).matches()) {
                max = Math.max(max, Integer.parseInt(n));
            }
        }
        return max;
    }

    // ---------------------------------------------------------------- variants and validations

    /**
     * Adds (or replaces) a variant of an existing version, updating model.json with compare-and-swap
     * so concurrent additions of different variants are all kept.
     */
    public ModelCard addVariant(String name, int version, Variant variant, Audit audit) {
        requireBlob(name, variant.blob(), "variant " + variant.name());
        String key = cardKey(checkName(name), version);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stored<ModelCard> current = readCard(name, version);
            Variant old = current.value().variants().get(variant.name());
            ModelCard updated = current.value().withVariant(variant);
            try {
                store.compareAndSwap(key, Json.toPrettyBytes(updated), current.etag());
            } catch (ConflictException e) {
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("variant", variant.name());
            details.put("sha256", variant.blob().sha256());
            details.put("sizeBytes", variant.sizeBytes());
            if (old != null) {
                details.put("replacedSha256", old.blob().sha256());
            }
            appendHistory(name, old == null ? "variant-added" : "variant-replaced", version, audit, details);
            return updated;
        }
        throw new ConflictException("model " + name + " version " + version + ": model.json kept changing; gave up adding variant "
                + variant.name());
    }

    /**
     * Stores the validation record (any Jackson-serializable object) of one variant on a target and
     * records it in the history. The target's file keeps one record per variant, so fp32 and int8
     * results live side by side; a later validation of the same variant replaces its record. The
     * file is updated with compare-and-swap, so parallel validations never lose each other's results.
     */
    public void putValidation(String name, int version, String target, String variant, Object record, Audit audit) {
        checkName(name);
        checkTarget(target);
        requireVersion(name, version);
        String key = validationKey(name, version, target);
        JsonNode node = Json.MAPPER.valueToTree(record);
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<VersionedBytes> current = store.getVersioned(key);
            ObjectNode doc = current.map(c -> (ObjectNode) Json.fromBytes(c.bytes(), JsonNode.class, key))
                    .orElseGet(() -> Json.MAPPER.createObjectNode().put("target", target));
            ObjectNode variants = doc.has("variants") ? (ObjectNode) doc.get("variants") : doc.putObject("variants");
            variants.set(variant, node);
            byte[] bytes = Json.toPrettyBytes(doc);
            try {
                if (current.isEmpty()) {
                    if (!store.createIfAbsent(key, bytes)) {
                        continue;
                    }
                } else {
                    store.compareAndSwap(key, bytes, current.get().etag());
                }
            } catch (ConflictException e) {
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("target", target);
            details.put("variant", variant);
            if (node.has("passed")) {
                details.put("passed", node.get("passed").asBoolean());
            }
            appendHistory(name, "validated", version, audit, details);
            return;
        }
        throw new ConflictException("model " + name + " version " + version + ": " + store.location().describe(key)
                + " kept changing; gave up recording the validation of " + variant + " on " + target);
    }

    /** The validation file of a target ({@code {"target", "variants": {variant: record}}}), or empty. */
    public Optional<JsonNode> getValidation(String name, int version, String target) {
        checkName(name);
        checkTarget(target);
        return store.getBytes(validationKey(name, version, target))
                .map(b -> Json.fromBytes(b, JsonNode.class, validationKey(name, version, target)));
    }

    /** The validation record of one variant on a target, or empty if it was never validated there. */
    public Optional<JsonNode> getValidation(String name, int version, String target, String variant) {
        return getValidation(name, version, target)
                .map(doc -> doc.path("variants").get(variant))
                .filter(n -> n != null && !n.isNull());
    }

    /** Targets that have a validation record for a version. */
    public List<String> listValidations(String name, int version) {
        String prefix = versionPrefix(checkName(name), version) + "validation/";
        List<String> out = new ArrayList<>();
        for (ObjectInfo o : store.list(prefix)) {
            String rest = o.key().substring(prefix.length());
            if (rest.endsWith(".json") && !rest.contains("/")) {
                out.add(rest.substring(0, rest.length() - ".json".length()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** The card of a version. */
    public ModelCard get(String name, int version) {
        return readCard(name, version).value();
    }

    private Stored<ModelCard> readCard(String name, int version) {
        checkName(name);
        String key = cardKey(name, version);
        VersionedBytes v = store.getVersioned(key).orElseThrow(() -> unknownVersion(name, version));
        return new Stored<>(Json.fromBytes(v.bytes(), ModelCard.class, store.location().describe(key)), v.etag());
    }

    private void requireVersion(String name, int version) {
        if (store.head(cardKey(name, version)).isEmpty()) {
            throw unknownVersion(name, version);
        }
    }

    private NotFoundException unknownVersion(String name, int version) {
        List<Integer> versions = listVersions(name);
        if (versions.isEmpty()) {
            return new NotFoundException("unknown model '" + name + "' in " + store.location());
        }
        return new NotFoundException("model " + name + " has no version " + version + " (versions: " + summarize(versions) + ")");
    }

    private static String summarize(List<Integer> versions) {
        if (versions.size() <= 10) {
            return versions.toString();
        }
        return versions.get(0) + ".." + versions.get(versions.size() - 1) + " (" + versions.size() + " versions)";
    }

    /**
     * Resolves {@code ref} to a card: a version number, {@code latest} (highest complete version),
     * or an alias name.
     */
    public ModelCard resolve(String name, String ref) {
        checkName(name);
        if (ref == null || ref.isBlank() || ref.equals("latest")) {
            List<Integer> versions = listVersions(name);
            if (versions.isEmpty()) {
                throw new NotFoundException("unknown model '" + name + "' in " + store.location());
            }
            return get(name, versions.get(versions.size() - 1));
        }
        if (NUMBER.matcher(ref).matches()) {
            return get(name, Integer.parseInt(ref));
        }
        if (ref.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("version " + ref + " of model " + name
                    + " is out of range: versions are numbered from 1");
        }
        if (!NAME.matcher(ref).matches()) {
            throw new IllegalArgumentException("invalid version reference '" + ref + "' for model " + name
                    + ": use a number, 'latest' or an alias");
        }
        AliasRecord alias = getAlias(name, ref).orElseThrow(() -> new NotFoundException("model " + name
                + " has no alias '" + ref + "'" + (listVersions(name).isEmpty() ? " (unknown model)" : "")));
        return get(name, alias.version());
    }

    /** Names of all models with at least one claimed version, sorted. */
    public List<String> listModels() {
        List<String> out = new ArrayList<>();
        for (String p : store.listPrefixes("models/")) {
            out.add(p.substring("models/".length(), p.length() - 1));
        }
        return out;
    }

    /** Complete versions (those with a model.json) of a model, ascending; empty for an unknown model. */
    public List<Integer> listVersions(String name) {
        String prefix = modelPrefix(checkName(name)) + "versions/";
        TreeSet<Integer> versions = new TreeSet<>();
        for (ObjectInfo o : store.list(prefix)) {
            String rest = o.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.substring(slash + 1).equals("model.json") && NUMBER.matcher(rest.substring(0, slash)).matches()) {
                versions.add(Integer.parseInt(rest.substring(0, slash)));
            }
        }
        return new ArrayList<>(versions);
    }

    // ---------------------------------------------------------------- aliases

    /** The alias, or empty if it was never set. */
    public Optional<AliasRecord> getAlias(String name, String alias) {
        return getAliasVersioned(name, alias).map(Stored::value);
    }

    /** The alias with its ETag, for {@link #setAlias(String, String, int, Audit, String)}. */
    public Optional<Stored<AliasRecord>> getAliasVersioned(String name, String alias) {
        String key = aliasKey(checkName(name), checkAliasName(alias));
        return store.getVersioned(key)
                .map(v -> new Stored<>(Json.fromBytes(v.bytes(), AliasRecord.class, store.location().describe(key)), v.etag()));
    }

    /** Aliases of a model, name to record. */
    public Map<String, AliasRecord> listAliases(String name) {
        String prefix = modelPrefix(checkName(name)) + "aliases/";
        Map<String, AliasRecord> out = new LinkedHashMap<>();
        for (ObjectInfo o : store.list(prefix)) {
            String rest = o.key().substring(prefix.length());
            if (rest.endsWith(".json") && !rest.contains("/")) {
                String alias = rest.substring(0, rest.length() - ".json".length());
                store.getBytes(o.key()).ifPresent(b -> out.put(alias, Json.fromBytes(b, AliasRecord.class, o.key())));
            }
        }
        return out;
    }

    /**
     * Points an alias at a version, reading the current pointer and writing with If-Match (or
     * If-None-Match for a new alias).
     *
     * @throws ConflictException if someone else changed the alias in between
     */
    public AliasRecord setAlias(String name, String alias, int version, Audit audit) {
        Optional<Stored<AliasRecord>> current = getAliasVersioned(name, alias);
        return setAlias(name, alias, version, audit, current.map(Stored::etag).orElse(null));
    }

    /**
     * Points an alias at a version only if it is unchanged since it was read with ETag
     * {@code expectedEtag} ({@code null}: only if the alias does not exist yet).
     *
     * @throws ConflictException if the alias changed (or appeared) since
     */
    public AliasRecord setAlias(String name, String alias, int version, Audit audit, String expectedEtag) {
        String key = aliasKey(checkName(name), checkAliasName(alias));
        requireVersion(name, version);
        Integer previous = null;
        if (expectedEtag != null) {
            previous = getAlias(name, alias).map(AliasRecord::version).orElse(null);
        }
        AliasRecord record = new AliasRecord(name, alias, version, previous, clock.instant(), audit.actor(), audit.build(),
                audit.reason());
        byte[] bytes = Json.toPrettyBytes(record);
        if (expectedEtag == null) {
            if (!store.createIfAbsent(key, bytes)) {
                throw new ConflictException("alias " + alias + " of model " + name + " was created concurrently at "
                        + store.location().describe(key) + "; re-read and retry");
            }
        } else {
            try {
                store.compareAndSwap(key, bytes, expectedEtag);
            } catch (ConflictException e) {
                throw new ConflictException("alias " + alias + " of model " + name + " was changed concurrently at "
                        + store.location().describe(key) + "; re-read and retry", e);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alias", alias);
        details.put("from", previous);
        details.put("to", version);
        appendHistory(name, "alias-set", version, audit, details);
        return record;
    }

    // ---------------------------------------------------------------- history

    /**
     * Appends an audit entry. Keys are {@code <time>-<event>.json} with microsecond UTC time and are
     * created with If-None-Match, so entries are never overwritten; a clash moves the time forward.
     */
    public HistoryEntry appendHistory(String name, String event, Integer version, Audit audit, Map<String, Object> details) {
        checkName(name);
        if (!NAME.matcher(event).matches()) {
            throw new IllegalArgumentException("invalid history event '" + event + "'");
        }
        Instant time = clock.instant();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HistoryEntry entry = new HistoryEntry(time, event, name, version, audit.actor(), audit.build(), audit.reason(), details);
            String key = modelPrefix(name) + "history/" + HISTORY_TIME.format(time) + "-" + event + ".json";
            if (store.createIfAbsent(key, Json.toPrettyBytes(entry))) {
                return entry;
            }
            time = time.plusNanos(1000);
        }
        throw new StoreException("model " + name + ": could not append a history entry");
    }

    /** The model's audit trail, oldest first. */
    public List<HistoryEntry> history(String name) {
        String prefix = modelPrefix(checkName(name)) + "history/";
        List<HistoryEntry> out = new ArrayList<>();
        for (ObjectInfo o : store.list(prefix)) {
            store.getBytes(o.key()).ifPresent(b -> out.add(Json.fromBytes(b, HistoryEntry.class, store.location().describe(o.key()))));
        }
        return out;
    }
}
