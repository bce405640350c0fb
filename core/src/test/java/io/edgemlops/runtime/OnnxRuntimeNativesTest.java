package io.edgemlops.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX Runtime native library cache: extracted once, checked, shared, and no temp folders left. */
class OnnxRuntimeNativesTest {

    static final String VERSION = OnnxRuntimeNatives.ortVersion();
    static final String PLATFORM = OnnxRuntimeNatives.platform();

    @TempDir
    Path dir;

    static String lib(String name) {
        return System.mapLibraryName(name).replace(".jnilib", ".dylib");
    }

    static Object fileKey(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return a.fileKey() != null ? a.fileKey() : a.lastModifiedTime();
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void extractsOnceIntoAVersionedFolderAndReusesIt() throws Exception {
        Path root = dir.resolve("cache");
        Path first = OnnxRuntimeNatives.ensureExtracted(root, VERSION, PLATFORM);
        assertNotNull(first, "the ORT jar ships natives for " + PLATFORM);
        assertEquals(root.resolve("onnxruntime-" + VERSION + "-" + PLATFORM), first);
        Path core = first.resolve(lib("onnxruntime"));
        Path jni = first.resolve(lib("onnxruntime4j_jni"));
        assertTrue(Files.size(core) > 1_000_000, core.toString());
        assertTrue(Files.size(jni) > 10_000, jni.toString());
        assertTrue(Files.isRegularFile(first.resolve(OnnxRuntimeNatives.MANIFEST)));
        assertEquals(List.of(first.getFileName().toString()), names(root), "no partial folders left");

        Object before = fileKey(core);
        Path again = OnnxRuntimeNatives.ensureExtracted(root, VERSION, PLATFORM);
        assertEquals(first, again);
        assertEquals(before, fileKey(core), "already extracted: not written again");
    }

    @Test
    void replacesAFolderThatFailsTheCheck() throws Exception {
        Path root = dir.resolve("cache");
        Path folder = OnnxRuntimeNatives.ensureExtracted(root, VERSION, PLATFORM);
        Path core = folder.resolve(lib("onnxruntime"));
        long size = Files.size(core);
        Files.write(core, new byte[10]);
        Path again = OnnxRuntimeNatives.ensureExtracted(root, VERSION, PLATFORM);
        assertEquals(folder, again);
        assertEquals(size, Files.size(core));

        Files.delete(folder.resolve(OnnxRuntimeNatives.MANIFEST));
        OnnxRuntimeNatives.ensureExtracted(root, VERSION, PLATFORM);
        assertTrue(Files.isRegularFile(folder.resolve(OnnxRuntimeNatives.MANIFEST)));
        assertEquals(List.of(folder.getFileName().toString()), names(root));
    }

    @Test
    void concurrentExtractionsAllGetTheSameCompleteFolder() throws Exception {
        Path root = dir.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Path> extract = () -> OnnxRuntimeNatives.ensureExtracted(root, VERSION, PLATFORM);
                results.add(pool.submit(extract));
            }
            Path expected = root.resolve("onnxruntime-" + VERSION + "-" + PLATFORM);
            for (Future<Path> r : results) {
                assertEquals(expected, r.get(120, TimeUnit.SECONDS));
            }
            assertEquals(List.of(expected.getFileName().toString()), names(root), "losers cleaned up");
            assertEquals(3, names(expected).size(), names(expected).toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnwritableCacheIsAnIOExceptionAndOneWarningLine() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThrows(IOException.class, () -> OnnxRuntimeNatives.ensureExtracted(file.resolve("cache"), VERSION, PLATFORM));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OnnxRuntimeNatives.warn(new PrintStream(bytes, true, StandardCharsets.UTF_8), file, new IOException("denied"));
        String warning = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, warning.lines().count(), warning);
        assertTrue(warning.startsWith("edge-mlops: warning: "), warning);
        assertTrue(warning.contains(OnnxRuntimeNatives.CACHE_ENV), warning);
    }

    /** Runs {@link NativeCacheProbe} in a fresh JVM with its own temp folder; returns its key=value lines. */
    Map<String, String> probe(Path tmp, String cacheProperty) throws Exception {
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-D" + OnnxRuntimeNatives.CACHE_PROPERTY + "=" + cacheProperty,
                "-cp", System.getProperty("java.class.path"), NativeCacheProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("output", output);
        output.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return values;
    }

    static long ortTempFolders(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("onnxruntime-java")).count();
        }
    }

    @Test
    void inferenceInAFreshJvmLeavesNoTempFolderAndTheNextJvmReusesTheCache() throws Exception {
        Path cache = dir.resolve("cache");
        Path expected = cache.resolve("onnxruntime-" + VERSION + "-" + PLATFORM);

        Path tmp1 = dir.resolve("tmp1");
        Map<String, String> first = probe(tmp1, cache.toString());
        assertEquals("2x3", first.get("scores"), first.get("output"));
        assertEquals(expected.toString(), first.get("cache"), first.get("output"));
        assertEquals(expected.toString(), first.get("ortPath"), first.get("output"));
        assertEquals("0", first.get("ortTempFolders"), "none while the JVM runs: " + first.get("output"));
        assertEquals(0, ortTempFolders(tmp1), "none after it exits");
        assertTrue(Files.isRegularFile(expected.resolve(lib("onnxruntime"))));
        assertTrue(Files.isRegularFile(expected.resolve(lib("onnxruntime4j_jni"))));

        Object extracted = fileKey(expected.resolve(lib("onnxruntime")));
        Path tmp2 = dir.resolve("tmp2");
        Map<String, String> second = probe(tmp2, cache.toString());
        assertEquals(expected.toString(), second.get("cache"), second.get("output"));
        assertEquals(extracted, fileKey(expected.resolve(lib("onnxruntime"))), "reused, not extracted again");
        assertEquals(0, ortTempFolders(tmp2));
    }

    @Test
    void anUnwritableCacheFallsBackToOrtsOwnExtractionWithOneWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Map<String, String> run = probe(dir.resolve("tmp"), file.resolve("cache").toString());
        assertEquals("2x3", run.get("scores"), run.get("output"));
        assertEquals("null", run.get("cache"), run.get("output"));
        assertEquals(1, run.get("output").lines().filter(l -> l.startsWith("edge-mlops: warning: ")).count(),
                run.get("output"));
    }
}
