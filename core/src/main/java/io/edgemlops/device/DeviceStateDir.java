package io.edgemlops.device;

import io.edgemlops.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The device's state on disk, so that a restart (or a power cut) resumes where it was:
 * {@code current/} (the model served), {@code previous/} (kept for a local rollback),
 * {@code shadow/} (a model run beside the served one), {@code incoming/} (a download being
 * checked) and {@code agent.json}.
 *
 * <p>A model folder is complete once its {@code slot.json} exists (written last). Swaps are folder
 * renames: current → previous, then incoming → current. A crash between the two leaves no
 * {@code current/}; {@link #recover()} then finishes the swap when incoming is complete, or puts
 * previous back otherwise, so the device always wakes up with a model it had verified.
 */
final class DeviceStateDir {

    private final Path root;

    DeviceStateDir(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder " + root + ": " + e.getMessage(), e);
        }
    }

    Path current() {
        return root.resolve("current");
    }

    Path previous() {
        return root.resolve("previous");
    }

    Path shadow() {
        return root.resolve("shadow");
    }

    /** A fresh, empty incoming folder. */
    Path freshIncoming() {
        Path incoming = root.resolve("incoming");
        delete(incoming);
        try {
            return Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a complete model folder holds, or empty when it is absent or incomplete. */
    Optional<ModelSlot> slot(Path folder) {
        Path meta = folder.resolve(ModelSlot.META);
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(folder.resolve(ModelSlot.FILE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.fromBytes(Files.readAllBytes(meta), ModelSlot.class, meta.toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Marks a downloaded folder complete. */
    void complete(Path folder, ModelSlot slot) {
        writeAtomically(folder.resolve(ModelSlot.META), Json.toBytes(slot));
    }

    /** Finishes or undoes a swap a crash interrupted. */
    void recover() {
        Path incoming = root.resolve("incoming");
        if (!Files.exists(current())) {
            if (slot(incoming).isPresent()) {
                move(incoming, current());
            } else if (Files.exists(previous())) {
                move(previous(), current());
            }
        }
        delete(incoming);
    }

    /** incoming becomes current; the old current becomes previous. */
    void promoteIncoming(Path incoming) {
        if (Files.exists(current())) {
            delete(previous());
            move(current(), previous());
        }
        move(incoming, current());
    }

    /** incoming becomes the shadow model. */
    void promoteIncomingToShadow(Path incoming) {
        delete(shadow());
        move(incoming, shadow());
    }

    void clearShadow() {
        delete(shadow());
    }

    /** previous becomes current again; the bad model is deleted. False when there is no previous model. */
    boolean revert() {
        if (slot(previous()).isEmpty()) {
            return false;
        }
        Path bad = root.resolve("reverted");
        delete(bad);
        move(current(), bad);
        move(previous(), current());
        delete(bad);
        return true;
    }

    /** The last verified desired state, so that a restarted device serves without the network. */
    Optional<byte[]> desiredState() {
        Path file = root.resolve("desired.json");
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void keepDesiredState(byte[] verifiedPayload) {
        writeAtomically(root.resolve("desired.json"), verifiedPayload);
    }

    /** The agent's own memory (last desired-state ETag, refused models), or a fresh one. */
    AgentMemory memory() {
        Path file = root.resolve("agent.json");
        if (!Files.isRegularFile(file)) {
            return new AgentMemory(null, null, List.of(), "ok", null);
        }
        try {
            return Json.fromBytes(Files.readAllBytes(file), AgentMemory.class, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remember(AgentMemory memory) {
        writeAtomically(root.resolve("agent.json"), Json.toPrettyBytes(memory));
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the agent remembers across restarts.
     *
     * @param lastEtag ETag of the last desired state acted on
     * @param rollout rollout id of that desired state
     * @param refused SHA-256 of models refused during that rollout (failed self-test, reverted locally):
     *     not tried again until a new rollout
     * @param health {@code ok}, {@code degraded} or {@code reverted}
     * @param message the last problem, or null
     */
    record AgentMemory(String lastEtag, String rollout, List<String> refused, String health, String message) {

        AgentMemory {
            refused = refused == null ? List.of() : List.copyOf(refused);
        }
    }
}
