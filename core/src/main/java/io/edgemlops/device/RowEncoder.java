package io.edgemlops.device;

import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.Values;
import java.util.Map;

/**
 * Turns one request's raw feature values (name → number or text) into the model's input row, as
 * training encoded them: numeric values as they are, a missing one as its training mean, a
 * categorical value one-hot over its known categories (an unknown category is all zeros).
 */
final class RowEncoder {

    private final FeatureSchema schema;
    private final Map<String, Double> fillValues;

    RowEncoder(FeatureSchema schema, Map<String, Double> fillValues) {
        this.schema = schema;
        this.fillValues = fillValues;
    }

    /** The input row; a numeric feature whose value is not a number is an error naming the feature. */
    float[] encode(Map<String, ?> raw) {
        float[] row = new float[schema.inputWidth()];
        int offset = 0;
        for (FeatureSchema.Feature f : schema.features()) {
            Object v = raw.get(f.name());
            String text = v == null ? null : v.toString();
            if (f.type() == FeatureSchema.FeatureType.NUMERIC) {
                Double number = v instanceof Number n ? Double.valueOf(n.doubleValue())
                        : Values.isMissing(text) ? null : Values.parseNumber(text);
                if (number == null && !Values.isMissing(text)) {
                    throw new IllegalArgumentException("feature '" + f.name() + "': '" + text + "' is not a number");
                }
                double value = number == null || number.isNaN() ? fillValues.getOrDefault(f.name(), 0.0) : number;
                row[offset] = (float) value;
            } else if (!Values.isMissing(text)) {
                int i = f.categories().indexOf(Values.category(text));
                if (i >= 0) {
                    row[offset + i] = 1f;
                }
            }
            offset += f.width();
        }
        return row;
    }

    /** Values are missing for features the request does not name: said once so a caller can fix a typo. */
    java.util.List<String> unknownNames(Map<String, ?> raw) {
        return raw.keySet().stream().filter(k -> schema.features().stream().noneMatch(f -> f.name().equals(k)))
                .toList();
    }
}
