package io.edgemlops.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waves as users write them, cohorts that only grow, and keys that survive a round trip through files. */
class WaveAndCohortTest {

    @TempDir
    Path dir;

    @Test
    void wavesAreReadFromTextListsAndMaps() {
        assertEquals(List.of(Wave.pilot(1, "jetson-nano-cpu"), Wave.percent(10), Wave.percent(100)),
                Wave.parseAll("1@jetson-nano-cpu, 10%, 100"));
        assertEquals(List.of(Wave.pilot(2, null), Wave.percent(50), Wave.percent(100)),
                Wave.parseAll(List.of(Map.of("count", 2), 50, 100)));
        assertEquals("[1@jetson-nano-cpu, 10%, 100%]", Wave.describe(Wave.parseAll("1@jetson-nano-cpu,10,100")));
    }

    @Test
    void wavesThatCouldNeverCompleteOrShrinkAreRefused() {
        assertEquals("waves: the last wave must be 100 (the whole fleet), got [5%, 25%]",
                assertThrows(IllegalArgumentException.class, () -> Wave.parseAll("5,25")).getMessage());
        assertEquals("waves: percentages must grow, got [50%, 25%, 100%]",
                assertThrows(IllegalArgumentException.class, () -> Wave.parseAll("50,25,100")).getMessage());
        assertEquals("waves: 'half' is not a number, a percentage or N@target",
                assertThrows(IllegalArgumentException.class, () -> Wave.parseAll("half,100")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wave.parseAll("0,100")).getMessage()
                .contains("greater than 0"));
    }

    @Test
    void aDeviceInAnEarlierWaveStaysInEveryLaterOneAndShareMatchesThePercentage() {
        List<String> devices = IntStream.range(0, 2000).mapToObj(i -> "pump-" + i).toList();
        long previous = 0;
        for (double percent : new double[] {5, 25, 100}) {
            List<String> in = devices.stream().filter(d -> Cohort.includes(d, "pump-v3-x", percent, List.of())).toList();
            assertTrue(in.size() >= previous);
            for (String d : devices) {
                if (Cohort.includes(d, "pump-v3-x", 5, List.of())) {
                    assertTrue(in.contains(d), d + " left the cohort at " + percent + " %");
                }
            }
            previous = in.size();
            assertEquals(percent / 100, in.size() / 2000.0, 0.02);
        }
        assertEquals(2000, previous);
        assertTrue(Cohort.includes("pump-7", "other", 0, List.of("pump-7")), "named pilots are always in");
    }

    @Test
    void keysRoundTripThroughPemFilesAndAreNeverOverwritten() throws Exception {
        KeyPair pair = SigningKeys.generate();
        Path key = dir.resolve("keys/fleet.key");
        Path pub = dir.resolve("keys/fleet.pub");
        SigningKeys.write(pair, key, pub);

        SignedDocument doc = SignedDocument.sign("hello".getBytes(), SigningKeys.readPrivateKey(key),
                SigningKeys.keyId(pair.getPublic()));
        assertEquals("hello", new String(doc.verifiedPayload(SigningKeys.readPublicKey(pub))));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.write(SigningKeys.generate(), key, pub));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.privateKey("nothing here", "EDGE_MLOPS_SIGNING_KEY"));
        assertEquals("EDGE_MLOPS_SIGNING_KEY holds no '-----BEGIN PRIVATE KEY-----' block", e.getMessage());
    }
}
