package isa.duckdb.application.service;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removing the service's own working files: a failure leaves files behind but never fails the caller. */
final class LocalFiles {
    private static final System.Logger LOG = System.getLogger(LocalFiles.class.getName());

    private LocalFiles() {
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            paths.sort(Comparator.reverseOrder());
            paths.forEach(LocalFiles::deleteQuietly);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove a working directory: {0}", e.getMessage());
        }
    }

    static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove a working file: {0}", e.getMessage());
        }
    }
}
