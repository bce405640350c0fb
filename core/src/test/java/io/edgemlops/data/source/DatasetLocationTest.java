package io.edgemlops.data.source;

import static io.edgemlops.data.source.DatasetFiles.combined;
import static io.edgemlops.data.source.DatasetFiles.csv;
import static io.edgemlops.data.source.DatasetFiles.readAll;
import static io.edgemlops.data.source.DatasetFiles.write;
import static io.edgemlops.data.source.DatasetFiles.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.store.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files, folders and globs: which parts, in which order, and the checksums of what was read. */
class DatasetLocationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    DatasetLocation resolve(String location) {
        return DatasetLocation.resolve(location, null, dir, null, CLOCK);
    }

    @Test
    void aSingleFileKeepsItsOwnChecksum() {
        byte[] bytes = write(dir, "pump.csv", "a");

        DatasetLocation location = resolve("pump.csv");
        List<DatasetDigest> digest = new ArrayList<>();
        List<String> seen = readAll(location, digest);

        assertEquals(List.of("pump.csv"), location.partNames());
        assertEquals(List.of("0 pump.csv: " + csv("a")), seen);
        assertEquals(new DatasetDigest("pump.csv", Sha256.of(dir.resolve("pump.csv")), bytes.length,
                List.of(new PartDigest("pump.csv", Sha256.of(bytes), bytes.length))), digest.get(0));
    }

    @Test
    void theReadSaysHowManyOfTheListedBytesItHasRead() {
        byte[] first = write(dir, "exports/a.csv", "a");
        byte[] second = write(dir, "exports/b.csv.gz", "b");
        DatasetLocation location = resolve("exports");
        assertEquals(first.length + second.length, location.totalBytes());
        assertEquals(0, location.bytesRead());

        List<Long> atStart = new ArrayList<>();
        location.read((index, name, in) -> {
            atStart.add(location.bytesRead());
            in.readAllBytes();
        });
        assertEquals(0L, atStart.get(0));
        // The second part's gzip header is already read when its reader starts.
        assertTrue(atStart.get(1) >= first.length && atStart.get(1) < first.length + second.length, atStart.toString());
        assertEquals(first.length + second.length, location.bytesRead());
    }

    @Test
    void aFileNamedDirectlyIsThePartWhateverItsName() {
        write(dir, "readings.txt", "txt");
        write(dir, "_night.gz", "gz");

        assertEquals(List.of("0 readings.txt: " + csv("txt")), readAll(resolve("readings.txt"), new ArrayList<>()));
        assertEquals(List.of("0 _night.gz: " + csv("gz")), readAll(resolve("_night.gz"), new ArrayList<>()),
                "a .gz file is gunzipped");
    }

    @Test
    void aCsvGzIsReadDecompressedAndHashedAsStored() {
        byte[] gz = write(dir, "exports/2026-11-20T13.csv.gz", "hour13");
        List<DatasetDigest> digest = new ArrayList<>();

        List<String> seen = readAll(resolve("exports/2026-11-20T13.csv.gz"), digest);

        assertEquals(List.of("0 exports/2026-11-20T13.csv.gz: " + csv("hour13")), seen);
        assertEquals(Sha256.of(gz), digest.get(0).sha256(), "the checksum is of the compressed file, as sha256sum");
        assertEquals(gz.length, digest.get(0).bytes());
    }

    @Test
    void aFolderIsReadRecursivelyInByteOrderSkippingMarkersAndOtherFiles() {
        // Byte order: '-' < '.' < '/', upper case before lower case, multi-byte UTF-8 last.
        List<String> names = List.of("a/b.csv", "a.csv", "a-b.csv", "B.csv", "2026/11/20/13.csv.gz", "x.CSV",
                "é.csv", "z.csv.GZ", "_SUCCESS", "README.md", ".hidden.csv", "sub/_tmp.csv", "a/notes.txt",
                "_temporary/0/task-1/part-00001.csv", ".staging/2026/11/20/14.csv.gz");
        List<String> shas = new ArrayList<>();
        for (String name : names) {
            write(dir.resolve("exports"), name, name);
        }

        DatasetLocation location = resolve("exports");

        List<String> parts = List.of("exports/2026/11/20/13.csv.gz", "exports/B.csv", "exports/a-b.csv",
                "exports/a.csv", "exports/a/b.csv", "exports/x.CSV", "exports/z.csv.GZ", "exports/é.csv");
        assertEquals(parts, location.partNames());
        assertEquals(List.of("exports/.hidden.csv", "exports/.staging/2026/11/20/14.csv.gz", "exports/README.md",
                "exports/_SUCCESS", "exports/_temporary/0/task-1/part-00001.csv", "exports/a/notes.txt",
                "exports/sub/_tmp.csv"), location.skipped());
        assertEquals(parts, resolve("exports/").partNames(), "a trailing slash changes nothing");

        List<DatasetDigest> digest = new ArrayList<>();
        List<String> seen = readAll(location, digest);
        for (int i = 0; i < parts.size(); i++) {
            String rel = parts.get(i).substring("exports/".length());
            assertEquals(i + " " + parts.get(i) + ": " + csv(rel), seen.get(i));
            shas.add(Sha256.of(dir.resolve("exports").resolve(rel)));
            assertEquals(new PartDigest(parts.get(i), shas.get(i), size(dir.resolve("exports").resolve(rel))),
                    digest.get(0).parts().get(i));
        }
        assertEquals(combined(shas), digest.get(0).sha256());
        assertEquals(digest.get(0).parts().stream().mapToLong(PartDigest::bytes).sum(), digest.get(0).bytes());
        assertEquals("exports", digest.get(0).uri());
    }

    @Test
    void aGlobSelectsFilesBelowItsFolder() {
        for (String name : List.of("2026-11-20T13.csv.gz", "2026-11-20T14.csv", "2026-11-21T00.csv.gz",
                "2026-11-22T00.csv.gz", "old/2026-11-19T23.csv.gz", "old/deeper/2026-11-18T01.csv", "_SUCCESS")) {
            write(dir.resolve("exports"), name, name);
        }

        assertEquals(List.of("exports/2026-11-20T13.csv.gz", "exports/2026-11-21T00.csv.gz",
                "exports/2026-11-22T00.csv.gz"), resolve("exports/*.csv.gz").partNames(), "* stays in its folder");
        assertEquals(List.of("exports/old/2026-11-19T23.csv.gz", "exports/old/deeper/2026-11-18T01.csv"),
                resolve("exports/**/*.csv*").partNames(), "** crosses folders");
        assertEquals(List.of("exports/2026-11-20T13.csv.gz", "exports/2026-11-21T00.csv.gz"),
                resolve("exports/2026-11-2[01]T??.csv.gz").partNames());
        assertEquals(List.of("exports/2026-11-20T14.csv", "exports/old/2026-11-19T23.csv.gz"),
                resolve("exports/{2026-11-20T14.csv,old/*}").partNames());
        DatasetLocation all = resolve("exports/*");
        assertEquals(List.of("exports/_SUCCESS"), all.skipped(), "a glob's matches follow the part rules");
        assertEquals(4, all.partNames().size());
        assertEquals(List.of("0 exports/2026-11-20T14.csv: " + csv("2026-11-20T14.csv")),
                readAll(resolve("exports/*T14.csv"), new ArrayList<>()));
    }

    @Test
    void theReaderMayStopEarlyAndTheChecksumStillCoversWholeParts() {
        // large enough that the parts are read in several buffers, random so that gzip does not shrink it away
        byte[] plain = new byte[300_000];
        new Random(7).nextBytes(plain);
        String big = Arrays.toString(plain);
        writeBytes(dir, "big/1.csv", big.getBytes(StandardCharsets.UTF_8));
        writeBytes(dir, "big/2.csv.gz", DatasetFiles.gzip(big));
        writeBytes(dir, "big/3.csv", big.getBytes(StandardCharsets.UTF_8));

        List<String> firstBytes = new ArrayList<>();
        DatasetDigest digest = resolve("big").read((i, name, in) -> {
            firstBytes.add(new String(in.readNBytes(6), StandardCharsets.UTF_8));
            if (i == 1) {
                in.skip(1000);
            }
            if (i == 2) {
                in.close();
            }
        });

        assertEquals(List.of(big.substring(0, 6), big.substring(0, 6), big.substring(0, 6)), firstBytes);
        List<String> whole = List.of(Sha256.of(dir.resolve("big/1.csv")), Sha256.of(dir.resolve("big/2.csv.gz")),
                Sha256.of(dir.resolve("big/3.csv")));
        assertEquals(whole, digest.parts().stream().map(PartDigest::sha256).toList());
        assertEquals(combined(whole), digest.sha256());
        assertEquals(size(dir.resolve("big/1.csv")) * 2 + size(dir.resolve("big/2.csv.gz")), digest.bytes());
    }

    @Test
    void aGzPartThatIsNotGzipIsNamed() {
        write(dir, "exports/2026-11-20T13.csv.gz", "fine");
        writeBytes(dir, "exports/2026-11-20T14.csv.gz", csv("plain").getBytes(StandardCharsets.UTF_8));
        DatasetLocation location = resolve("exports");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readAll(location, new ArrayList<>()));

        assertEquals("dataset: part exports/2026-11-20T14.csv.gz is not gzip-compressed (Not in GZIP format)",
                e.getMessage());
    }

    @Test
    void aTruncatedGzPartIsNamed() {
        byte[] gz = DatasetFiles.gzip(csv("cut").repeat(1000));
        writeBytes(dir, "cut.csv.gz", Arrays.copyOf(gz, gz.length / 2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readAll(resolve("cut.csv.gz"), new ArrayList<>()));

        assertTrue(e.getMessage().startsWith("dataset: part cut.csv.gz is truncated: its gzip data ends early ("),
                e.getMessage());
    }

    @Test
    void anEmptyGzPartIsNotGzip() {
        writeBytes(dir, "empty.csv.gz", new byte[0]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readAll(resolve("empty.csv.gz"), new ArrayList<>()));

        assertEquals("dataset: part empty.csv.gz is not gzip-compressed (it is shorter than a gzip header)",
                e.getMessage());
    }

    @Test
    void aReadersIoErrorNamesThePart() {
        write(dir, "exports/a.csv", "a");
        write(dir, "exports/b.csv", "b");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> resolve("exports").read((i, n, in) -> {
            if (i == 1) {
                throw new IOException("disk on fire");
            }
        }));

        assertEquals("dataset: cannot read part exports/b.csv: disk on fire", e.getMessage());
    }

    @Test
    void aMissingFileOrFolderNamesWhereItLooked() {
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> resolve("nope.csv"));
        assertEquals("dataset: file or folder 'nope.csv' does not exist (looked at " + dir.resolve("nope.csv") + ")",
                file.getMessage());

        IllegalArgumentException glob = assertThrows(IllegalArgumentException.class, () -> resolve("exports/*.csv"));
        assertEquals("dataset: folder 'exports/' of 'exports/*.csv' does not exist (looked at " + dir.resolve("exports")
                + ")", glob.getMessage());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> resolve(" "));
        assertTrue(none.getMessage().startsWith("dataset: no location given"), none.getMessage());
    }

    @Test
    void aLocationWithoutPartsSaysWhatWasThere() {
        for (String name : List.of("_SUCCESS", "README.md", "a.json", "b.json", "c.json", "d.json", ".x.csv")) {
            write(dir.resolve("exports"), name, name);
        }

        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class, () -> resolve("exports"));
        assertEquals("dataset: no parts to read in 'exports' (looked at " + dir.resolve("exports") + "): 7 file(s)"
                + " there, 7 skipped as not .csv or .csv.gz, or named .* or _* or under such a folder (exports/.x.csv,"
                + " exports/README.md, exports/_SUCCESS, exports/a.json, exports/b.json, ...)", folder.getMessage());

        IllegalArgumentException glob = assertThrows(IllegalArgumentException.class, () -> resolve("exports/*.csv"));
        assertEquals("dataset: no parts to read in 'exports/*.csv': 1 of 7 file(s) under " + dir.resolve("exports")
                + " matching, 1 skipped as not .csv or .csv.gz, or named .* or _* or under such a folder"
                + " (exports/.x.csv)", glob.getMessage());
    }

    private static long size(Path file) {
        return file.toFile().length();
    }
}
