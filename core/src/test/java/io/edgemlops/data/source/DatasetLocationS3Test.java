package io.edgemlops.data.source;

import static io.edgemlops.data.source.DatasetFiles.combined;
import static io.edgemlops.data.source.DatasetFiles.csv;
import static io.edgemlops.data.source.DatasetFiles.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.Sha256;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** s3:// locations against the real embedded S3 server: keys, prefixes, globs, and the downloads behind them. */
class DatasetLocationS3Test {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final String B = "s3://" + StoreLocation.LOCAL_BUCKET + "/";

    @TempDir
    static Path dir;
    static OpenStore open;
    static ObjectStore bucket;

    /** The 12 hourly parts of ds/hourly/, in key order: even hours gzipped. */
    static final List<String> HOURLY = IntStream.range(0, 12)
            .mapToObj(h -> String.format("ds/hourly/2026-11-20T%02d.csv", h) + (h % 2 == 0 ? ".gz" : "")).toList();

    @BeforeAll
    static void start() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        bucket = open.store().at(StoreLocation.LOCAL_BUCKET, "");
        List<String> keys = new ArrayList<>(HOURLY);
        keys.addAll(List.of("ds/hourly/_SUCCESS", "ds/hourly/README.md"));
        Collections.shuffle(keys, new Random(5)); // uploaded in no particular order
        keys.forEach(DatasetLocationS3Test::put);
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static byte[] put(String key) {
        byte[] bytes = key.endsWith(".gz") ? DatasetFiles.gzip(csv(key)) : csv(key).getBytes(StandardCharsets.UTF_8);
        bucket.putBytes(key, bytes);
        return bytes;
    }

    static DatasetLocation resolve(String location, ObjectStore store) {
        return DatasetLocation.resolve(location, null, dir, store, CLOCK);
    }

    static DatasetLocation resolve(String location) {
        return resolve(location, open.store());
    }

    static List<String> s3(List<String> keys) {
        return keys.stream().map(k -> B + k).toList();
    }

    @Test
    void anExactKeyKeepsItsOwnChecksum() {
        byte[] bytes = put("ds/one/pump.csv");
        List<DatasetDigest> digest = new ArrayList<>();

        List<String> seen = readAll(resolve(B + "ds/one/pump.csv"), digest);

        assertEquals(List.of("0 " + B + "ds/one/pump.csv: " + csv("ds/one/pump.csv")), seen);
        assertEquals(new DatasetDigest(B + "ds/one/pump.csv", Sha256.of(bytes), bytes.length,
                List.of(new PartDigest(B + "ds/one/pump.csv", Sha256.of(bytes), bytes.length))), digest.get(0));
    }

    @Test
    void aPrefixOfTwelvePartsIsReadInKeyOrderWithItsChecksums() {
        List<String> calls = new ArrayList<>();

        DatasetLocation location = resolve(B + "ds/hourly/", recording(open.store(), calls));
        List<DatasetDigest> digests = new ArrayList<>();
        List<String> seen = readAll(location, digests);
        DatasetDigest digest = digests.get(0);

        assertEquals(s3(HOURLY), location.partNames());
        assertEquals(s3(List.of("ds/hourly/README.md", "ds/hourly/_SUCCESS")), location.skipped());
        List<String> shas = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < HOURLY.size(); i++) {
            String key = HOURLY.get(i);
            byte[] stored = bucket.getBytes(key).orElseThrow();
            shas.add(Sha256.of(stored));
            total += stored.length;
            assertEquals(i + " " + B + key + ": " + csv(key), seen.get(i), "decompressed when .gz");
            assertEquals(new PartDigest(B + key, Sha256.of(stored), stored.length), digest.parts().get(i));
        }
        assertEquals(combined(shas), digest.sha256());
        assertEquals(total, digest.bytes());
        assertEquals(List.of("listPage[ds/hourly/, null, 1000]"),
                calls.stream().filter(c -> c.startsWith("list")).toList());

        assertEquals(s3(HOURLY), resolve(B + "ds/hourly").partNames(), "a prefix named without its slash");
    }

    @Test
    void aPrefixOfMoreThanOnePageIsListedFromWhereThePageEnded() {
        List<String> keys = IntStream.range(0, 1003).mapToObj(i -> String.format("ds/many/%04d.csv", i)).toList();
        keys.parallelStream().forEach(k -> bucket.putBytes(k, new byte[] {(byte) '1', '\n'}));
        List<String> calls = new ArrayList<>();

        DatasetLocation location = resolve(B + "ds/many/", recording(open.store(), calls));

        assertEquals(s3(keys), location.partNames());
        assertEquals(List.of("listPage[ds/many/, null, 1000]", "listPage[ds/many/, ds/many/0999.csv, 1000]"),
                calls.stream().filter(c -> c.startsWith("list")).toList());
    }

    @Test
    void aGlobMatchesKeysBelowItsLiteralFolder() {
        for (String key : List.of("ds/tree/a.csv", "ds/tree/x/b.csv", "ds/tree/x/y/c.csv.gz", "ds/tree/x/y/_d.csv")) {
            put(key);
        }

        assertEquals(s3(HOURLY.subList(0, 4)), resolve(B + "ds/hourly/*T0[0-3].csv*").partNames());
        assertEquals(s3(List.of("ds/hourly/2026-11-20T01.csv", "ds/hourly/2026-11-20T03.csv")),
                resolve(B + "ds/hourly/2026-11-20T0[!0245-9].csv").partNames());
        assertEquals(s3(List.of("ds/tree/a.csv")), resolve(B + "ds/tree/*.csv*").partNames(), "* stays in its folder");
        DatasetLocation deep = resolve(B + "ds/tree/**.csv*");
        assertEquals(s3(List.of("ds/tree/a.csv", "ds/tree/x/b.csv", "ds/tree/x/y/c.csv.gz")), deep.partNames());
        assertEquals(s3(List.of("ds/tree/x/y/_d.csv")), deep.skipped());
        assertEquals(s3(List.of("ds/tree/x/b.csv")), resolve(B + "ds/tree/*/?.csv").partNames());
        assertEquals(List.of("0 " + B + "ds/tree/x/y/c.csv.gz: " + csv("ds/tree/x/y/c.csv.gz")),
                readAll(resolve(B + "ds/tree/x/{y,z}/c.*"), new ArrayList<>()));

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> resolve(B + "ds/hourly/*.parquet"));
        assertEquals("dataset: no parts to read in " + B + "ds/hourly/*.parquet: 0 of 14 object(s) under " + B
                + "ds/hourly/ matching", none.getMessage());
    }

    @Test
    void aGzPartThatIsNotGzipIsNamed() {
        bucket.putBytes("ds/bad/2026-11-20T01.csv.gz", csv("plain").getBytes(StandardCharsets.UTF_8));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readAll(resolve(B + "ds/bad/"), new ArrayList<>()));

        assertEquals("dataset: part " + B + "ds/bad/2026-11-20T01.csv.gz is not gzip-compressed (Not in GZIP format)",
                e.getMessage());
    }

    @Test
    void datesApplyToKeysBelowThePrefix() {
        DatasetLocation location = DatasetLocation.resolve(B + "ds/hourly/", "2026-11-20", dir, open.store(), CLOCK);
        assertEquals(12, location.partNames().size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetLocation.resolve(B + "ds/hourly/", "2026-11-21..", dir, open.store(), CLOCK));
        assertTrue(e.getMessage().startsWith("dataset: no parts to read in " + B + "ds/hourly/: 14 object(s) there, 2"
                + " skipped as not .csv or .csv.gz, or named .* or _* or under such a folder (" + B
                + "ds/hourly/README.md, " + B + "ds/hourly/_SUCCESS), 12 outside dates 2026-11-21.. ("),
                e.getMessage());
    }

    @Test
    void missingAndMalformedLocationsAreNamed() {
        assertEquals("dataset: " + B + "ds/none.csv does not exist (no object with that key, and none under " + B
                + "ds/none.csv/)", message(() -> resolve(B + "ds/none.csv")));
        assertEquals("dataset: there are no objects under " + B + "ds/nothing/",
                message(() -> resolve(B + "ds/nothing/")));
        String bucketMissing = message(() -> resolve("s3://no-such-bucket/ds/x.csv"));
        assertTrue(bucketMissing.startsWith("dataset: cannot read s3://no-such-bucket/ds/x.csv: bucket 'no-such-bucket'"
                + " does not exist"), bucketMissing);
        for (String malformed : List.of("s3://edge-mlops", "s3://edge-mlops/", "s3:///ds/x.csv", "s3://b*/x.csv")) {
            assertEquals("dataset: '" + malformed + "' is not of the form s3://bucket/key, s3://bucket/prefix/ or"
                    + " s3://bucket/prefix/*.csv.gz", message(() -> resolve(malformed)));
        }
        assertEquals("dataset: " + B + "ds/one/pump.csv is in an object store, but no store is configured to read it"
                + " from", message(() -> resolve(B + "ds/one/pump.csv", null)));
    }

    @Test
    void downloadsStayOnePartAheadAndLeaveNothingBehind(@TempDir Path tmp) throws Exception {
        List<DatasetPart> parts = new ArrayList<>();
        for (String key : HOURLY.subList(0, 3)) {
            parts.add(new DatasetPart(B + key, key, key, -1));
        }
        parts.add(new DatasetPart(B + "ds/hourly/gone.csv", "gone.csv", "ds/hourly/gone.csv", -1));
        S3Downloads downloads = new S3Downloads(bucket, parts, tmp);
        Path folder;
        try (Stream<Path> made = Files.list(tmp)) {
            folder = made.findFirst().orElseThrow();
        }

        Path first = downloads.fetch(0);
        assertEquals(Sha256.of(bucket.getBytes(HOURLY.get(0)).orElseThrow()), Sha256.of(first));
        Path second = folder.resolve("part-1");
        for (int i = 0; i < 500 && !Files.exists(second); i++) {
            Thread.sleep(20); // the next part downloads in the background
        }
        assertTrue(Files.exists(second), "the next part is downloaded while the first is read");
        assertEquals(List.of("part-0", "part-1"), names(folder), "not more than one part ahead");
        downloads.release(0);
        assertFalse(Files.exists(first), "a part read is deleted");
        assertEquals(second, downloads.fetch(1));
        downloads.fetch(2);

        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> downloads.fetch(3));
        assertEquals("dataset: part " + B + "ds/hourly/gone.csv was deleted after it was listed", gone.getMessage());
        downloads.close();
        assertEquals(List.of(), names(tmp), "close removes every download and the folder");
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /** The store, recording the calls made on it and on the views it gives. */
    static ObjectStore recording(ObjectStore target, List<String> calls) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("at")) {
                        return recording((ObjectStore) result, calls);
                    }
                    calls.add(method.getName() + Arrays.toString(args));
                    return result;
                });
    }
}
