package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The engine (the {@code edge-mlops} CLI jar) shipped inside the plugin as a class-path resource, and its copy on each
 * agent, in the folder {@link EngineCache} chooses ({@code <folder>/engine/<sha256>.jar}). The copy is written under a
 * temporary name and renamed, so a half-copied jar is never used, and reused by every later build until the plugin
 * ships a different engine. The console says how long a copy took: ephemeral agents (pods) pay it on every build.
 */
public final class EngineJar {

    /** Class-path location of the engine inside the plugin's jar. */
    public static final String RESOURCE = "engine/edge-mlops-cli.jar";

    private static volatile Fingerprint fingerprint;

    private EngineJar() {
    }

    /** Checksum and size of the shipped engine. */
    public record Fingerprint(String sha256, long size) {
        /** File name of the cached copy on agents. */
        public String cachedFileName() {
            return sha256 + ".jar";
        }
    }

    /** Opens the shipped engine, or fails with a message saying the plugin was built without it. */
    public static InputStream open() throws IOException {
        InputStream in = EngineJar.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new AbortException("the Edge MLOps plugin was built without its engine (" + RESOURCE + " is missing)");
        }
        return in;
    }

    /** Checksum of the shipped engine, computed once per controller JVM. */
    public static Fingerprint fingerprint() throws IOException {
        Fingerprint known = fingerprint;
        if (known == null) {
            try (InputStream in = open()) {
                known = fingerprintOf(in);
            }
            fingerprint = known;
        }
        return known;
    }

    /** SHA-256 (lower-case hex) and length of a stream, read to its end. */
    public static Fingerprint fingerprintOf(InputStream in) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha256.update(buffer, 0, n);
            size += n;
        }
        return new Fingerprint(HexFormat.of().formatHex(sha256.digest()), size);
    }

    /**
     * Makes sure the engine is in {@code cache} on the agent and returns its path there.
     */
    public static FilePath installOn(EngineCache cache, TaskListener listener) throws IOException, InterruptedException {
        Fingerprint engine = fingerprint();
        FilePath directory = cache.engineDirectory();
        FilePath cached = directory.child(engine.cachedFileName());
        if (cached.exists() && cached.length() == engine.size()) {
            return cached;
        }
        listener.getLogger().println("[edge-mlops] copying the engine (" + (engine.size() >> 20) + " MiB) to "
                + cached.getRemote());
        long started = System.nanoTime();
        FilePath partial;
        try {
            directory.mkdirs();
            partial = directory.createTempFile(engine.sha256(), ".part");
        } catch (IOException e) {
            throw new AbortException("cannot cache the Edge MLOps engine under " + directory.getRemote()
                    + " on this agent (set " + EngineCache.OVERRIDE + " to a writable folder): " + e.getMessage());
        }
        try {
            try (InputStream in = open()) {
                partial.copyFrom(in);
            }
            try {
                partial.renameTo(cached);
            } catch (IOException raced) {
                // Another build on this agent may have installed the same engine meanwhile; that copy is as good.
                if (!cached.exists() || cached.length() != engine.size()) {
                    throw raced;
                }
            }
        } finally {
            if (partial.exists()) {
                partial.delete();
            }
        }
        listener.getLogger().printf(java.util.Locale.ROOT, "[edge-mlops] engine copied in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        removeOlderEngines(directory, cached, listener);
        return cached;
    }

    /** Each plugin version brings its own 200 MB engine: once the new one is in place, the others go. */
    private static void removeOlderEngines(FilePath directory, FilePath current, TaskListener listener)
            throws InterruptedException {
        try {
            for (FilePath file : directory.list()) {
                String name = file.getName();
                if (name.endsWith(".jar") && !name.equals(current.getName())) {
                    file.delete();
                    listener.getLogger().println("[edge-mlops] removed an older engine: " + file.getRemote());
                }
            }
        } catch (IOException e) {
            // An engine still open elsewhere (Windows) stays until next time; it costs disk, not correctness.
            listener.getLogger().println("[edge-mlops] could not remove older engines in " + directory.getRemote()
                    + ": " + e.getMessage());
        }
    }
}
