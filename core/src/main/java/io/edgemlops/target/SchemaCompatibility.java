package io.edgemlops.target;

import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.FeatureSchema.Feature;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a candidate model's schema with the schema in production. Devices in the field feed
 * the production features and consume its outputs; a change they cannot follow is a break.
 *
 * <p>Breaking: a production feature missing from the candidate; a feature whose type changed; a
 * categorical feature whose categories changed (content or order: the one-hot columns move); a
 * different task, label, or list/order of classes (devices map output indices to class names); an
 * added feature (devices on the production schema do not collect it).
 * Not breaking, reported as notes: reordered features (inputs are assembled by name from the
 * schema shipped with the model).
 *
 * @param breaks one line per breaking change, naming the feature
 * @param notes one line per compatible change
 */
public record SchemaCompatibility(List<String> breaks, List<String> notes) {

    /** Compatibility of {@code candidate} with {@code production}. */
    public static SchemaCompatibility compare(FeatureSchema candidate, FeatureSchema production) {
        List<String> breaks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Feature old : production.features()) {
            Feature now = candidate.feature(old.name());
            if (now == null) {
                breaks.add("feature '" + old.name() + "' removed");
            } else if (now.type() != old.type()) {
                breaks.add("feature '" + old.name() + "' changed type " + old.type().name().toLowerCase()
                        + " -> " + now.type().name().toLowerCase());
            } else if (!now.categories().equals(old.categories())) {
                breaks.add("feature '" + old.name() + "' changed categories " + old.categories() + " -> "
                        + now.categories());
            }
        }
        for (Feature f : candidate.features()) {
            if (production.feature(f.name()) == null) {
                // Devices running production's schema do not collect it: the new model could not be fed.
                breaks.add("feature '" + f.name() + "' added (devices on the production schema do not send it)");
            }
        }
        List<String> common = names(candidate).stream().filter(n -> production.feature(n) != null).toList();
        List<String> before = names(production).stream().filter(n -> candidate.feature(n) != null).toList();
        if (!common.equals(before)) {
            notes.add("features reordered " + before + " -> " + common);
        }
        if (candidate.task() != production.task()) {
            breaks.add("task changed " + production.task().name().toLowerCase() + " -> "
                    + candidate.task().name().toLowerCase());
        }
        if (!candidate.label().equals(production.label())) {
            breaks.add("label changed '" + production.label() + "' -> '" + candidate.label() + "'");
        }
        if (!candidate.classes().equals(production.classes())) {
            breaks.add("classes changed " + production.classes() + " -> " + candidate.classes());
        }
        return new SchemaCompatibility(List.copyOf(breaks), List.copyOf(notes));
    }

    private static List<String> names(FeatureSchema schema) {
        return schema.features().stream().map(Feature::name).toList();
    }
}
