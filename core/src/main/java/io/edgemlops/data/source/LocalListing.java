package io.edgemlops.data.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Lists a local file, folder (recursively) or glob. */
final class LocalListing {

    private LocalListing() {
    }

    static Listing list(String location, Path workDir) {
        int glob = Glob.firstGlobChar(location);
        if (glob >= 0) {
            return glob(location, workDir, location.lastIndexOf('/', glob) + 1);
        }
        Path path = workDir.resolve(location).toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            return new Listing(List.of(new DatasetPart(location, location, path.toString(), size(path))), true,
                    "'" + location + "' (looked at " + path + ")", "1 file", null);
        }
        if (Files.isDirectory(path)) {
            String where = "'" + location + "' (looked at " + path + ")";
            List<DatasetPart> files = new ArrayList<>();
            for (String rel : filesBelow(path, location)) {
                files.add(new DatasetPart(join(location, rel), rel, path.resolve(rel).toString(),
                        size(path.resolve(rel))));
            }
            return new Listing(files, false, where, files.size() + " file(s) there", null);
        }
        throw new IllegalArgumentException("dataset: file or folder '" + location + "' does not exist (looked at "
                + path + ")");
    }

    /** The glob's folder is the path before the segment with the first glob character; it is matched below it. */
    private static Listing glob(String location, Path workDir, int baseEnd) {
        String baseText = location.substring(0, baseEnd);
        String pattern = location.substring(baseEnd);
        Path base = workDir.resolve(baseText.isEmpty() ? "." : baseText).toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw new IllegalArgumentException("dataset: folder '" + (baseText.isEmpty() ? "." : baseText)
                    + "' of '" + location + "' does not exist (looked at " + base + ")");
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset: '" + location + "' is not a valid glob: " + e.getMessage(), e);
        }
        List<String> below = filesBelow(base, location);
        List<DatasetPart> files = new ArrayList<>();
        for (String rel : below) {
            if (matcher.matches(Path.of(rel))) {
                files.add(new DatasetPart(baseText + rel, rel, base.resolve(rel).toString(),
                        size(base.resolve(rel))));
            }
        }
        return new Listing(files, false, "'" + location + "'", files.size() + " of " + below.size() + " file(s) under "
                + base + " matching", null);
    }

    /** Every regular file below {@code dir}, as a '/'-separated relative path, in key order. */
    private static List<String> filesBelow(Path dir, String location) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> rels = new ArrayList<>();
            walk.filter(Files::isRegularFile).forEach(f -> rels.add(slashes(dir.relativize(f))));
            rels.sort(Listing.KEY_ORDER);
            return rels;
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("dataset: cannot list '" + location + "' (" + dir + "): " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private static String slashes(Path rel) {
        StringBuilder s = new StringBuilder();
        for (Path segment : rel) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(segment);
        }
        return s.toString();
    }

    /** The part's name as the user would write it: the folder as given, then the path below it. */
    private static String join(String folder, String rel) {
        String f = folder;
        while (f.length() > 1 && f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f.equals(".") || f.isEmpty() ? rel : f.equals("/") ? "/" + rel : f + "/" + rel;
    }

    /** A file's size for the read's progress; -1 when it cannot be read now (the read itself will say why). */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
