package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's stderr in the build log: line by line, secrets masked, the last lines kept for error messages. */
class EngineLogStreamTest {

    @Test
    void secretValuesAreMaskedEvenWhenWrittenInPieces() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EngineLogStream stream = new EngineLogStream(new PrintStream(log, true, StandardCharsets.UTF_8),
                List.of("wJalrXUtnFEMI/K7MDENG", "tok3n"), 5)) {
            byte[] text = "using key wJalrXUtnFEMI/K7MDENG and token tok3n\r\nepoch 1/5 ü\n"
                    .getBytes(StandardCharsets.UTF_8);
            for (byte b : text) {
                stream.write(b);
            }
            stream.write("last line without newline".getBytes(StandardCharsets.UTF_8));
        }

        String written = log.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("wJalrXUtnFEMI"), written);
        assertFalse(written.contains("tok3n"), written);
        assertEquals(List.of("using key **** and token ****", "epoch 1/5 ü", "last line without newline"),
                written.lines().toList());
    }

    @Test
    void keepsOnlyTheLastLines() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EngineLogStream stream = new EngineLogStream(new PrintStream(log, true, StandardCharsets.UTF_8), List.of(), 2);
        stream.write("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), 0, 6);

        assertEquals(List.of("b", "c"), stream.tail());
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("a"));
    }

    @Test
    void resultCaptureStopsAtItsLimit() throws Exception {
        ResultCapture capture = new ResultCapture(4);
        capture.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertTrue(capture.overflowed());
        assertEquals("{\"a\"", capture.text());
    }
}
