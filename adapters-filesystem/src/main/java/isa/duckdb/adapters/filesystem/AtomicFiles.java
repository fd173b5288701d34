package isa.duckdb.adapters.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file as a whole: the content goes to a hidden temporary file in the same folder,
 * is forced to disk, and is renamed over the target. Readers see the old file or the new one,
 * never a part; on failure the temporary file is removed and the target is untouched.
 */
final class AtomicFiles {

    /** Writes the content of the new file to {@code temp}, which exists and is empty. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private static final int ATTEMPTS = 3;

    private AtomicFiles() {
    }

    /**
     * @param createFolders create the missing folders above {@code target} (objects), or fail
     *     when they are missing (download targets)
     */
    static void replace(Path target, String tempPrefix, boolean createFolders, Content content)
            throws IOException {
        Path temp = createTemp(target.getParent(), tempPrefix, createFolders);
        boolean moved = false;
        try {
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /** Retries when a concurrent delete removes the (then empty) folder in between. */
    private static Path createTemp(Path folder, String prefix, boolean createFolders) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (createFolders) {
                Files.createDirectories(folder);
            }
            try {
                return Files.createTempFile(folder, prefix, ".tmp");
            } catch (NoSuchFileException e) {
                if (!createFolders || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Best effort: a leftover temporary file is hidden from listings.
        }
    }
}
