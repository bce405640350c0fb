package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.HistoryEntry;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.target.ChampionChallenger;
import io.edgemlops.target.ChampionComparison;
import io.edgemlops.target.CheckResult;
import io.edgemlops.target.RowSetComparison;
import io.edgemlops.train.TrainingOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Champion / challenger end to end, with real training, real ONNX Runtime and the embedded store: the first version
 * has no champion; a challenger trained on labels of which 30 % were shuffled fails the check and cannot be published
 * without {@code allowRegression}; a challenger retrained on drifted field data beats the champion on that data and
 * passes; and each retrained version records the production version as its parent, with what triggered it.
 */
class ChampionChallengerFlowTest {

    static final int ROWS = 5000;
    static final TrainingOptions OPTIONS = TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(10);
    static final String TARGET = "x86-gateway";
    static final String DRIFT_TRIGGER = "field drift of pump@1 on eu: band_bpfo (PSI 0.52), band_hf (PSI 0.61)";

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelRegistry registry;
    static ModelCard champion;
    static ModelCard corrupted;
    static ModelCard drifted;
    static ValidateAndRecord.Outcome first;
    static KeyPair keys = SigningKeys.generate();

    @BeforeAll
    static void trainChampionAndTwoChallengers() throws Exception {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        registry = new ModelRegistry(open.store());
        new SensorDataGenerator(101).writeCsv(dir.resolve("night-1.csv"), ROWS);
        champion = train("night-1.csv", null);
        first = validate(champion);
        registry.setAlias("pump", ValidateAndRecord.PRODUCTION, champion.version(),
                new Audit("test", null, "night 1 rolled out"));

        write(shuffleLabels(new SensorDataGenerator(202).generate(ROWS), 0.3, 7), dir.resolve("corrupted.csv"));
        corrupted = train("corrupted.csv", "nightly schedule");
        new SensorDataGenerator(303).withShift(Map.of("band_bpfo", 1.0, "band_hf", 1.0))
                .writeCsv(dir.resolve("drifted.csv"), ROWS);
        drifted = train("drifted.csv", DRIFT_TRIGGER);
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static ModelCard train(String csv, String trigger) {
        return TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", csv, null, OPTIONS, dir,
                null, null, trigger), l -> { }).card();
    }

    static ValidateAndRecord.Outcome validate(ModelCard card) {
        return ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump",
                Integer.toString(card.version()), TARGET, "fp32", null, "reports/v" + card.version() + ".xml", false,
                dir, "https://ci/job/pump/11/"), l -> { });
    }

    static PublishToEdge.Outcome publish(ModelCard card, String fleet, Map<String, String> targets,
                                         boolean allowRegression) {
        return PublishToEdge.run(open.store(), new PublishToEdge.Request("pump", Integer.toString(card.version()),
                fleet, targets, null, false, false, false, keys.getPrivate(), SigningKeys.keyId(keys.getPublic()),
                null, dir, "https://ci/job/pump/12/", null, allowRegression), l -> { },
                Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC));
    }

    /** Shuffles the labels among a random {@code share} of the rows: those rows keep their features. */
    static Table shuffleLabels(Table table, double share, long seed) {
        Random random = new Random(seed);
        int label = table.columnIndex(SensorDataGenerator.LABEL);
        List<Integer> picked = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (random.nextDouble() < share) {
                picked.add(r);
            }
        }
        List<String> labels = new ArrayList<>();
        picked.forEach(r -> labels.add(table.value(r, label)));
        Collections.shuffle(labels, random);
        List<String[]> rows = new ArrayList<>();
        for (int r = 0, k = 0; r < table.rowCount(); r++) {
            String[] row = new String[table.columnNames().size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = table.value(r, c);
            }
            if (k < picked.size() && picked.get(k) == r) {
                row[label] = labels.get(k++);
            }
            rows.add(row);
        }
        return Table.ofRows(table.source() + " (labels shuffled)", table.columnNames(), rows);
    }

    static void write(Table table, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            table.writeCsv(out);
        }
    }

    static RowSetComparison rowSet(ChampionComparison c, String name) {
        return c.rowSets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFirstVersionHasNoChampionAndPasses() throws Exception {
        ChampionComparison c = first.report().champion();
        assertTrue(c.passed());
        assertNull(c.version());
        assertTrue(c.reason().startsWith("no champion"), c.reason());
        assertTrue(first.report().passed(), first.report().reason());
        assertTrue(first.report().check(ChampionChallenger.CHECK).passed());
        assertTrue(junitCase(first, ChampionChallenger.CHECK) != null, "a JUnit test case for the check");
    }

    @Test
    void aChallengerTrainedOnCorruptedLabelsFailsAndIsNotPublishedWithoutTheOverride() throws Exception {
        ValidateAndRecord.Outcome v = validate(corrupted);

        ChampionComparison c = v.report().champion();
        assertFalse(c.passed(), c.reason());
        assertEquals(champion.version(), c.version());
        assertEquals("fp32", c.variant());
        assertEquals(0.01, c.maxRegression());
        RowSetComparison old = rowSet(c, RowSetComparison.CHAMPION_HOLDOUT);
        assertTrue(old.decides(), "no feature drifted, so the champion's clean rows decide: " + old.note());
        assertTrue(old.difference() < -0.01 || old.macroF1Difference() < -0.01, old.summary());
        assertFalse(v.report().passed());
        assertEquals(List.of(ChampionChallenger.CHECK), v.report().failedChecks().stream().map(CheckResult::name)
                .toList(), "only the champion check fails: " + v.report().reason());
        Element testcase = junitCase(v, ChampionChallenger.CHECK);
        assertEquals(1, testcase.getElementsByTagName("failure").getLength());
        JsonNode stored = registry.getValidation("pump", corrupted.version(), TARGET, "fp32").orElseThrow();
        assertFalse(stored.path("champion").path("passed").asBoolean(true));
        assertEquals(champion.version(), stored.path("champion").path("version").asInt());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> publish(corrupted, "eu", Map.of(TARGET, "fp32"), false));
        String message = refused.getMessage();
        for (String part : List.of("pump@" + corrupted.version(), "fp32", TARGET, "champion pump@" + champion.version(),
                "champion-holdout", "allowRegression: true")) {
            assertTrue(message.contains(part), "names " + part + ": " + message);
        }

        PublishToEdge.Outcome published = publish(corrupted, "eu", Map.of(TARGET, "fp32"), true);
        assertEquals(1, published.rollout().overrides().size(), published.rollout().overrides().toString());
        assertTrue(published.rollout().overrides().get(0).startsWith("published despite the champion / challenger check: pump@"
                + corrupted.version()), published.rollout().overrides().get(0));
        assertEquals("https://ci/job/pump/12/", published.rollout().build());
        List<HistoryEntry> history = registry.history("pump");
        HistoryEntry last = history.get(history.size() - 1);
        assertEquals("published", last.event());
        assertEquals(corrupted.version(), last.version());
        assertEquals("https://ci/job/pump/12/", last.build());
        assertEquals(published.rollout().overrides(), last.details().get("overrides"),
                "the audit trail records the override with the build");
    }

    @Test
    void allowRegressionDoesNotCoverATargetWithoutAPassingValidation() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> publish(corrupted, "us", Map.of("raspberry-pi-4", "fp32"), true));
        assertTrue(refused.getMessage().contains("no passing validation for raspberry-pi-4"), refused.getMessage());
        assertTrue(refused.getMessage().contains("allowUnvalidated: true"), refused.getMessage());
    }

    @Test
    void aChallengerRetrainedOnDriftedFieldDataBeatsTheChampionThereAndPasses() {
        ValidateAndRecord.Outcome v = validate(drifted);

        ChampionComparison c = v.report().champion();
        assertTrue(c.passed(), c.reason());
        assertTrue(v.report().passed(), v.report().reason());
        RowSetComparison field = rowSet(c, RowSetComparison.CHALLENGER_HOLDOUT);
        assertTrue(field.decides());
        assertTrue(field.difference() > 0.05, "beats the champion on the drifted holdout: " + field.summary());
        RowSetComparison old = rowSet(c, RowSetComparison.CHAMPION_HOLDOUT);
        assertFalse(old.decides(), old.note());
        assertTrue(old.note().contains("band_bpfo") && old.note().contains("band_hf"), old.note());
    }

    @Test
    void eachRetrainedVersionRecordsTheProductionVersionAsParentAndItsTrigger() {
        assertNull(champion.lineage().parentVersion());
        assertNull(champion.lineage().trigger());
        assertEquals(champion.version(), corrupted.lineage().parentVersion());
        assertEquals("nightly schedule", corrupted.lineage().trigger());
        assertEquals(champion.version(), drifted.lineage().parentVersion(),
                "the parent is production, not the latest version");
        assertEquals(DRIFT_TRIGGER, registry.get("pump", drifted.version()).lineage().trigger());
    }

    /** The report's test case with this name, or null. */
    static Element junitCase(ValidateAndRecord.Outcome v, String name) throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(v.reportFile().toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        return null;
    }
}
