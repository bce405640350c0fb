package io.edgemlops.registry;

import java.util.Map;

/**
 * Who makes a change, from which build, and why; recorded in every history entry.
 *
 * @param actor user or service making the change
 * @param build CI build URL or tag, or null outside CI
 * @param reason free-text reason, or null
 */
public record Audit(String actor, String build, String reason) {

    /** From the environment: actor from EDGE_MLOPS_ACTOR / BUILD_USER_ID / USER, build from BUILD_URL / BUILD_TAG. */
    public static Audit fromEnvironment(String reason) {
        return fromEnvironment(System.getenv(), reason);
    }

    static Audit fromEnvironment(Map<String, String> env, String reason) {
        String actor = first(env.get("EDGE_MLOPS_ACTOR"), env.get("BUILD_USER_ID"), env.get("USER"),
                System.getProperty("user.name"));
        String build = first(env.get("BUILD_URL"), env.get("BUILD_TAG"));
        return new Audit(actor, build, reason);
    }

    /** The same actor and reason from another build; unchanged when {@code other} is blank. */
    public Audit fromBuild(String other) {
        return other == null || other.isBlank() ? this : new Audit(actor, other, reason);
    }

    /** The same actor and build with another reason. */
    public Audit because(String why) {
        return new Audit(actor, build, why);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
