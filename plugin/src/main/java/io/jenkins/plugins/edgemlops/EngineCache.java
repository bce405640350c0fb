package io.jenkins.plugins.edgemlops;

import hudson.FilePath;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where the engine jar lives on the agent, and with it the native caches the engine fills (PyTorch's, ONNX Runtime's).
 *
 * <p>In order: the folder named by {@code EDGE_MLOPS_ENGINE_CACHE} in the build's environment; else the agent user's
 * home ({@code ~/.edge-mlops}), shared by every build on the agent; else, when that home cannot be written or the
 * step's process cannot see it (a {@code docker.image(...).inside} or Kubernetes {@code container} block runs the
 * process in another container with another home), the build's temporary folder next to the workspace
 * ({@code WORKSPACE_TMP}, i.e. {@code <workspace>@tmp}), which container blocks mount. Away from the home, the native
 * caches follow the jar through {@code DJL_CACHE_DIR} and {@code EDGE_MLOPS_NATIVE_CACHE}, since the process's own
 * home may be unwritable there too.
 *
 * @param base the folder holding {@code engine/}, and, away from the home, {@code djl/} and {@code native/}
 * @param environment variables the engine process needs to use this location (empty for the home)
 * @param nextToWorkspace whether this is the workspace fallback, so there is nothing left to fall back to
 */
record EngineCache(FilePath base, Map<String, String> environment, boolean nextToWorkspace) {

    /** Build variable naming the cache folder on the agent, for agents whose home and workspace both do not suit. */
    static final String OVERRIDE = "EDGE_MLOPS_ENGINE_CACHE";

    /** What {@code java -jar} prints when the jar path does not exist for the process that runs it. */
    private static final String JAR_NOT_VISIBLE = "Unable to access jarfile";

    /** The folder the engine jar is copied to. */
    FilePath engineDirectory() {
        return base.child("engine");
    }

    /** The configured folder, else the agent user's home if it can be written, else next to the workspace. */
    static EngineCache choose(FilePath workspace, Map<String, String> buildEnv) throws InterruptedException {
        String override = buildEnv.get(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return following(workspace.child(override.trim()), false);
        }
        try {
            FilePath base = FilePath.getHomeDirectory(workspace.getChannel()).child(".edge-mlops");
            base.child("engine").mkdirs();
            return new EngineCache(base, Map.of(), false);
        } catch (IOException homeNotWritable) {
            return nextToWorkspace(workspace, buildEnv);
        }
    }

    /** The build's temporary folder next to the workspace, which container blocks mount with the workspace. */
    static EngineCache nextToWorkspace(FilePath workspace, Map<String, String> buildEnv) {
        String tmp = buildEnv.get("WORKSPACE_TMP");
        FilePath folder = tmp != null && !tmp.isBlank() ? workspace.child(tmp)
                : workspace.child("../" + workspace.getName() + "@tmp");
        return following(folder.child("edge-mlops"), true);
    }

    /** Whether a failed run's last stderr lines say the process could not see the engine jar. */
    static boolean jarNotVisible(List<String> stderrTail) {
        return stderrTail.stream().anyMatch(line -> line.contains(JAR_NOT_VISIBLE));
    }

    private static EngineCache following(FilePath base, boolean nextToWorkspace) {
        return new EngineCache(base, Map.of("DJL_CACHE_DIR", base.child("djl").getRemote(),
                "EDGE_MLOPS_NATIVE_CACHE", base.child("native").getRemote()), nextToWorkspace);
    }
}
