package io.edgemlops.rollout;

import io.edgemlops.registry.ModelRegistry;

/** Keys of the fleet side of the bucket layout ({@code docs/storage.md}). */
public final class FleetKeys {

    private FleetKeys() {
    }

    /** The signed desired state of one model in a fleet. */
    public static String desired(String fleet, String model) {
        return "fleets/" + name("fleet", fleet) + "/desired/" + ModelRegistry.checkName(model) + ".json";
    }

    /** A rollout's record. */
    public static String rollout(String fleet, String model, String id) {
        return rollouts(fleet, model) + id + ".json";
    }

    /** The folder of a model's rollouts in a fleet. */
    public static String rollouts(String fleet, String model) {
        return "fleets/" + name("fleet", fleet) + "/rollouts/" + ModelRegistry.checkName(model) + "/";
    }

    /** A device's status record. */
    public static String device(String fleet, String device) {
        return devices(fleet) + name("device", device) + ".json";
    }

    /** The folder of a fleet's device records. */
    public static String devices(String fleet) {
        return "fleets/" + name("fleet", fleet) + "/devices/";
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /** Checks a fleet or device name: the rules of model names, and the error names which kind it is. */
    public static String name(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + kind + " name '" + name
                    + "': use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }
}
