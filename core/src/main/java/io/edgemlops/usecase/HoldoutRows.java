package io.edgemlops.usecase;

import io.edgemlops.data.CsvReader;
import io.edgemlops.data.FeatureEncoder;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.Table;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.store.ObjectStore;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * A version's registered holdout rows, encoded as its models' inputs, with the true answers.
 *
 * @param sha256 the holdout blob's SHA-256
 * @param x encoded feature rows
 * @param classes classification: true class index per row, else null
 * @param targets regression: true value per row, else null
 */
record HoldoutRows(String sha256, float[][] x, int[] classes, double[] targets) {

    /** The holdout rows of {@code card}, or empty when it was registered without any. */
    static Optional<HoldoutRows> load(ObjectStore store, ModelCard card) {
        if (card.holdout() == null) {
            return Optional.empty();
        }
        byte[] csv = store.getBlob(card.holdout().sha256());
        Table holdout = CsvReader.read(new ByteArrayInputStream(csv), card.ref() + " holdout");
        FeatureEncoder encoder = new FeatureEncoder(card.schema(), card.fillValues());
        float[][] x = encoder.encode(holdout).rows();
        if (card.schema().task() == FeatureSchema.Task.CLASSIFICATION) {
            return Optional.of(new HoldoutRows(card.holdout().sha256(), x, encoder.classIndices(holdout), null));
        }
        return Optional.of(new HoldoutRows(card.holdout().sha256(), x, null, encoder.targets(holdout)));
    }
}
