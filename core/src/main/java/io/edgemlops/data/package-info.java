/**
 * Reading and preparing training data.
 *
 * <p><b>Preparing a dataset</b>, in order: {@link io.edgemlops.data.DatasetScan} reads the rows in
 * one pass (CSV parts or a {@link io.edgemlops.data.Table}), checks the label and feature columns
 * exist, drops rows whose label is missing (counted in {@link io.edgemlops.data.RowCounts#dropped()}),
 * types the columns and infers the task by {@link io.edgemlops.data.SchemaInference}'s rules;
 * {@link io.edgemlops.data.CompactPreparer} then settles the classes, splits the rows with the seed
 * (stratified per class for classification, so every class with at least two rows is in both
 * splits) and takes categorical vocabularies and numeric means from the training split only. The
 * result, a {@link io.edgemlops.data.CompactDataset}, encodes rows as the model's inputs when asked.
 *
 * <p><b>Missing values.</b> A missing numeric feature (empty, NA, NaN, ...; see
 * {@link io.edgemlops.data.Values#isMissing}) is imputed with that feature's mean over the training
 * split, in both splits, so the holdout sees exactly what training saw and no holdout information
 * leaks into training. The counts are in {@link io.edgemlops.data.RowCounts#imputedByFeature()} and
 * the fill values in {@link io.edgemlops.data.CompactDataset#fillValues()}. A missing categorical
 * value, or a category not seen in the training split, encodes as all zeros.
 */
package io.edgemlops.data;
