package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.DataException;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.Lineage;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.Sha256;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.TrainingOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset exported as hourly parts under an {@code s3://} prefix of the real embedded server trains the same
 * model as the same rows in one file, and a bad row deep in it is reported with its part's name.
 */
class PartitionedDatasetTest {

    static final TrainingOptions OPTIONS = TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3).withSeed(5);
    static final int PARTS = 12;
    static final String BUCKET = "s3://" + StoreLocation.LOCAL_BUCKET + "/";

    @TempDir
    static Path dir;
    static OpenStore open;
    static ObjectStore bucket;
    static List<String> lines;

    @BeforeAll
    static void start() throws Exception {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        bucket = open.store().at(StoreLocation.LOCAL_BUCKET, "");
        Path csv = dir.resolve("pump.csv");
        new SensorDataGenerator(21).writeCsv(csv, 2400);
        lines = Files.readAllLines(csv);
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    /** The rows split into {@value #PARTS} hourly parts under {@code prefix}, every other one gzipped; returns the keys. */
    static List<String> upload(String prefix, List<String> rows) throws Exception {
        int perPart = (rows.size() - 1 + PARTS - 1) / PARTS;
        List<String> keys = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) {
            StringBuilder part = new StringBuilder(rows.get(0)).append('\n');
            for (int i = 1 + p * perPart; i < Math.min(1 + (p + 1) * perPart, rows.size()); i++) {
                part.append(rows.get(i)).append('\n');
            }
            byte[] bytes = part.toString().getBytes(StandardCharsets.UTF_8);
            String key = prefix + String.format("2026-11-20T%02d.csv", p) + (p % 2 == 0 ? ".gz" : "");
            bucket.putBytes(key, p % 2 == 0 ? gzip(bytes) : bytes);
            keys.add(key);
        }
        // Not parts: an export's marker and a note.
        bucket.putBytes(prefix + "_SUCCESS", new byte[0]);
        bucket.putBytes(prefix + "README.md", "hourly exports".getBytes(StandardCharsets.UTF_8));
        return keys;
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    static TrainAndRegister.Request request(String model, String dataset) {
        return new TrainAndRegister.Request(model, dataset, null, OPTIONS, dir, null, null);
    }

    @Test
    void hourlyPartsUnderAPrefixTrainTheModelOneFileTrains() throws Exception {
        List<String> keys = upload("exports/pump/", lines);
        Files.write(dir.resolve("whole.csv"), lines);

        List<String> log = new ArrayList<>();
        ModelCard parts = TrainAndRegister.run(open.store(), request("pump-parts", BUCKET + "exports/pump/"), log::add)
                .card();
        ModelCard whole = TrainAndRegister.run(open.store(), request("pump-whole", "whole.csv"), s -> { }).card();

        assertEquals(whole.variant("fp32").blob().sha256(), parts.variant("fp32").blob().sha256(),
                "the same rows in the same order and the same seed give the same weights");
        assertEquals(whole.metrics(), parts.metrics());
        assertEquals(whole.holdout().sha256(), parts.holdout().sha256());
        Lineage lineage = parts.lineage();
        assertEquals(BUCKET + "exports/pump/", lineage.datasetUri());
        assertEquals(PARTS, lineage.datasetParts().size());
        for (int p = 0; p < PARTS; p++) {
            Lineage.DatasetPart part = lineage.datasetParts().get(p);
            assertEquals(BUCKET + keys.get(p), part.name());
            assertEquals(Sha256.of(bucket.getBytes(keys.get(p)).orElseThrow()), part.sha256());
        }
        StringBuilder checksums = new StringBuilder();
        lineage.datasetParts().forEach(p -> checksums.append(p.sha256()).append('\n'));
        assertEquals(Sha256.of(checksums.toString().getBytes(StandardCharsets.US_ASCII)), lineage.datasetSha256());
        assertEquals(1, whole.lineage().datasetParts().size());
        assertEquals(whole.lineage().datasetSha256(), whole.lineage().datasetParts().get(0).sha256());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("dataset " + BUCKET + "exports/pump/: 12 parts, "
                + BUCKET + "exports/pump/2026-11-20T00.csv.gz to " + BUCKET + "exports/pump/2026-11-20T11.csv, 0.2 MB; skipped 2 "
                + "other files (" + BUCKET + "exports/pump/README.md, " + BUCKET + "exports/pump/_SUCCESS)")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("read 2,400 rows (")), log.toString());
    }

    @Test
    void datesChooseTheDaysOfPartsAndAreKeptInTheLineage() throws Exception {
        upload("exports/days/", lines);
        TrainAndRegister.Request day = new TrainAndRegister.Request("pump-day", BUCKET + "exports/days/", null, OPTIONS,
                dir, null, null, null, "2026-11-20");
        ModelCard card = TrainAndRegister.run(open.store(), day, s -> { }).card();
        assertEquals(PARTS, card.lineage().datasetParts().size());
        assertEquals("2026-11-20", card.lineage().parameters().get("dates"));

        TrainAndRegister.Request later = new TrainAndRegister.Request("pump-later", BUCKET + "exports/days/", null,
                OPTIONS, dir, null, null, null, "2026-11-21..");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainAndRegister.run(open.store(), later, s -> { }));
        assertTrue(e.getMessage().startsWith("dataset: no parts to read in ") && e.getMessage().contains(
                "12 outside dates"), e.getMessage());
    }

    @Test
    void aBadRowInTheSeventhPartIsReportedWithThatPartsName() throws Exception {
        List<String> bad = new ArrayList<>(lines);
        int perPart = (lines.size() - 1 + PARTS - 1) / PARTS;
        int row = 1 + 6 * perPart + 41; // the 42nd row of the 7th part
        String[] cells = bad.get(row).split(",", -1);
        int column = Arrays.asList(bad.get(0).split(",")).indexOf("temp_bearing");
        cells[column] = "17,5";
        bad.set(row, String.join(",", Arrays.asList(cells)).replace("17,5", "\"17,5\""));
        upload("exports/bad/", bad);

        DataException e = assertThrows(DataException.class,
                () -> TrainAndRegister.run(open.store(), request("pump-bad", BUCKET + "exports/bad/"), s -> { }));
        assertTrue(e.getMessage().startsWith(BUCKET + "exports/bad/2026-11-20T06.csv.gz: row 42 (line 43), column "
                + "'temp_bearing': '17,5' is not a number ("), e.getMessage());
        assertTrue(new ModelRegistry(open.store()).listVersions("pump-bad").isEmpty(), "nothing registered");
    }
}
