package io.edgemlops.runtime;

import ai.onnxruntime.OrtEnvironment;
import io.edgemlops.ToolVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One extraction of the ONNX Runtime native libraries per ORT version and platform, instead of one
 * per JVM.
 *
 * <p>ORT's Java API copies {@code libonnxruntime} and {@code libonnxruntime4j_jni} out of its jar
 * into a fresh {@code onnxruntime-java<random>} temporary folder on every start, and only marks them
 * for deletion at exit, which leaves the folder behind. Here, before the first ORT use,
 * {@link #environment()} extracts them once into
 * {@code <cache>/onnxruntime-<version>-<os>-<arch>/} and sets {@code onnxruntime.native.path} to it,
 * so ORT loads them from there. The cache root is the system property {@value #CACHE_PROPERTY}, else
 * the environment variable {@value #CACHE_ENV}, else {@code ~/.edge-mlops/native}.
 *
 * <p>Extraction goes to a temporary folder next to the final one, is checked (sizes against the jar,
 * SHA-256 recorded in {@value #MANIFEST}) and renamed into place, so other processes never see a
 * partial folder; when a concurrent process wins the rename, its folder is used. A folder that fails
 * the check is replaced. When the cache cannot be written, ORT keeps its default behaviour and one
 * warning line goes to stderr. An {@code onnxruntime.native.path} set by the user is left alone.
 */
public final class OnnxRuntimeNatives {

    /** System property naming the cache root (wins over {@link #CACHE_ENV}). */
    public static final String CACHE_PROPERTY = "edge-mlops.native.cache";
    /** Environment variable naming the cache root. */
    public static final String CACHE_ENV = "EDGE_MLOPS_NATIVE_CACHE";
    /** ORT's own property: the folder it loads its native libraries from. */
    public static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";
    /** The file, written last, that lists the extracted libraries with their sizes and SHA-256. */
    static final String MANIFEST = "edge-mlops-natives.properties";

    private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};
    private static final String TEMP_MARK = ".partial-";
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private static boolean installed;
    private static boolean ortTempRemoved;
    private static Path cacheInUse;

    private OnnxRuntimeNatives() {
    }

    /**
     * The ORT environment, with the native cache installed first: every use of ONNX Runtime in the
     * engine goes through here.
     */
    public static OrtEnvironment environment() {
        install();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        removeOrtTempFolder();
        return env;
    }

    /**
     * Points ORT at the cached libraries, extracting them first if needed. Idempotent; has no effect
     * once ORT is loaded, so call it (or {@link #environment()}) before the first ORT class is used.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (System.getProperty(ORT_PATH_PROPERTY) != null) {
            return;
        }
        Path root = cacheRoot();
        try {
            Path dir = ensureExtracted(root, ortVersion(), platform());
            if (dir != null) {
                cacheInUse = dir;
                System.setProperty(ORT_PATH_PROPERTY, dir.toString());
            }
        } catch (IOException | RuntimeException e) {
            warn(System.err, root, e);
        }
    }

    /** The folder ORT loads its libraries from when the cache is in use, else null. */
    public static synchronized Path cacheInUse() {
        return cacheInUse;
    }

    /** The cache root: {@value #CACHE_PROPERTY}, else {@value #CACHE_ENV}, else {@code ~/.edge-mlops/native}. */
    public static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CACHE_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".edge-mlops", "native");
    }

    /**
     * Makes sure {@code root/onnxruntime-<version>-<platform>} holds checked copies of the libraries
     * the ORT jar ships for {@code platform}, and returns it; null when the jar has none for this
     * platform (ORT then looks on the library path itself).
     *
     * @throws IOException when the cache cannot be created or written
     */
    static Path ensureExtracted(Path root, String version, String platform) throws IOException {
        List<Library> libraries = new ArrayList<>();
        for (String name : LIBRARIES) {
            String file = System.mapLibraryName(name).replace(".jnilib", ".dylib");
            URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + file);
            if (resource == null) {
                return null;
            }
            libraries.add(new Library(file, resource));
        }
        Path dir = root.resolve("onnxruntime-" + version + "-" + platform);
        if (valid(dir, libraries)) {
            return dir;
        }
        Files.createDirectories(root);
        removeStaleTemps(root, dir.getFileName().toString());
        Path temp = Files.createTempDirectory(root, dir.getFileName() + TEMP_MARK);
        try {
            Properties manifest = new Properties();
            for (Library lib : libraries) {
                Path target = temp.resolve(lib.file());
                MessageDigest sha = sha256();
                long size;
                try (InputStream in = lib.resource().openStream();
                        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
                    size = in.transferTo(out);
                }
                long expected = lib.size();
                if (expected >= 0 && size != expected) {
                    throw new IOException("extracted " + size + " bytes of " + lib.file() + ", the jar holds " + expected);
                }
                manifest.setProperty(lib.file(), size + ":" + HexFormat.of().formatHex(sha.digest()));
            }
            try (OutputStream out = Files.newOutputStream(temp.resolve(MANIFEST))) {
                manifest.store(out, "ONNX Runtime " + version + " natives for " + platform + ", extracted by edge-mlops");
            }
            if (valid(dir, libraries)) {
                // A concurrent extraction finished first: never replace a complete folder another JVM may be using.
                return dir;
            }
            if (Files.exists(dir)) {
                // Left by an interrupted or different build: set it aside, then take its place.
                Path stale = root.resolve(dir.getFileName() + TEMP_MARK + "stale-" + UUID.randomUUID());
                try {
                    Files.move(dir, stale, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(stale);
                } catch (IOException e) {
                    // A concurrent process may have replaced it already; the rename below decides.
                }
            }
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // Another process renamed its copy into place first: use it if it checks out.
                if (!valid(dir, libraries)) {
                    throw new IOException("cannot move " + temp + " to " + dir + ": " + e.getMessage(), e);
                }
            }
        } finally {
            deleteTree(temp);
        }
        if (!valid(dir, libraries)) {
            throw new IOException(dir + " does not hold the expected libraries after extraction");
        }
        return dir;
    }

    /**
     * Whether {@code dir} is a complete extraction: the manifest is there, and each library has the
     * size it records, which is also the size of the library in the jar.
     */
    static boolean valid(Path dir, List<Library> libraries) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(manifestFile)) {
            Properties manifest = new Properties();
            manifest.load(in);
            for (Library lib : libraries) {
                String entry = manifest.getProperty(lib.file());
                Path file = dir.resolve(lib.file());
                if (entry == null || !Files.isRegularFile(file)) {
                    return false;
                }
                long recorded = Long.parseLong(entry.substring(0, entry.indexOf(':')));
                long expected = lib.size();
                if (Files.size(file) != recorded || expected >= 0 && recorded != expected) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The ORT version the cache is keyed by: from the build, else the jar's manifest. */
    static String ortVersion() {
        String version = ToolVersions.all().get("onnxruntime");
        if (version == null || version.isBlank() || version.contains("${")) {
            Package p = OrtEnvironment.class.getPackage();
            version = p == null ? null : p.getImplementationVersion();
        }
        return version == null || version.isBlank() ? "unknown" : version;
    }

    /** ORT's name for this platform's native folder, e.g. {@code linux-x64}, {@code osx-aarch64}. */
    static String platform() {
        String os = System.getProperty("os.name", "generic").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "generic").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win"
                : os.contains("nux") ? "linux" : os;
        String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch;
        return o + "-" + a;
    }

    /**
     * ORT still creates an {@code onnxruntime-java<random>} temporary folder when it loads from
     * {@code onnxruntime.native.path}, and leaves it empty until the JVM exits (or for good when the
     * JVM is killed): remove it now. Best effort: the field is ORT's private state.
     */
    private static synchronized void removeOrtTempFolder() {
        if (ortTempRemoved || cacheInUse == null) {
            return;
        }
        ortTempRemoved = true;
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            if (field.get(null) instanceof Path temp && Files.isDirectory(temp)) {
                try (Stream<Path> entries = Files.list(temp)) {
                    if (entries.findAny().isEmpty()) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            // ORT deletes the empty folder at a normal exit anyway.
        }
    }

    static void warn(PrintStream err, Path root, Exception e) {
        err.println("edge-mlops: warning: cannot use the ONNX Runtime library cache in " + root + " ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "); set " + CACHE_ENV
                + " to a writable folder. ONNX Runtime extracts its libraries to a temporary folder instead.");
        err.flush();
    }

    private static void removeStaleTemps(Path root, String name) {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(root, name + TEMP_MARK + "*")) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff)) {
                    deleteTree(temp);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Only housekeeping.
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A native library in the ORT jar. */
    record Library(String file, URL resource) {
        /** Uncompressed size in the jar (or of the file, on an exploded class path), or -1 when unknown. */
        long size() {
            try {
                if ("file".equals(resource.getProtocol())) {
                    return Files.size(Path.of(resource.toURI()));
                }
                URLConnection c = resource.openConnection();
                return c instanceof JarURLConnection jar ? jar.getJarEntry().getSize() : -1;
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                return -1;
            }
        }
    }
}
