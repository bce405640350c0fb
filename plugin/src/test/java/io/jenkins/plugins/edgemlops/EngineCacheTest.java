package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a failed run means "this process cannot see the engine jar" (a container block), and when it does not. */
class EngineCacheTest {

    @Test
    void javaSayingItCannotOpenTheJarMeansTheProcessCannotSeeIt() {
        assertTrue(EngineCache.jarNotVisible(List.of("Error: Unable to access jarfile /home/jenkins/.edge-mlops/"
                + "engine/0123.jar")));
    }

    @Test
    void anEngineErrorIsNotMistakenForAMissingJar() {
        assertFalse(EngineCache.jarNotVisible(List.of("edge-mlops: data/pump.csv: no such file")));
        assertFalse(EngineCache.jarNotVisible(List.of()));
    }
}
