package io.edgemlops.data.source;

/**
 * A file or object of a dataset before it is read.
 *
 * @param name how messages name it: {@code s3://bucket/key}, or the local path as the user would write it
 * @param datePath where its date is looked for: the path below the location's base (for a location that names
 *     the file itself, the location as given)
 * @param source where it is fetched from: an absolute local path, or the object's key in its bucket
 * @param size its size as stored, from the listing, for the read's progress; -1 when unknown
 */
record DatasetPart(String name, String datePath, String source, long size) {
}
