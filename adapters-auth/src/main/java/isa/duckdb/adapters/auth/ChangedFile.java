package isa.duckdb.adapters.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tells when a file changed since it was last read (modification time, size or file identity differ), looking
 * at most once per {@link #CHECK_EVERY} so that a busy server does not stat it on every call.
 */
final class ChangedFile {
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Path path;
    private final Clock clock;
    private Instant lastCheck = Instant.MIN;
    private Object lastSeen;

    ChangedFile(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    Path path() {
        return path;
    }

    /** Whether the file is new or changed since the last call that answered true; IOException if it cannot be seen. */
    synchronized boolean changed() throws IOException {
        Instant now = clock.instant();
        if (lastSeen != null && now.isBefore(lastCheck.plus(CHECK_EVERY))) {
            return false;
        }
        lastCheck = now;
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Object seen = java.util.List.of(attributes.lastModifiedTime(), attributes.size(),
                Objects.requireNonNullElse(attributes.fileKey(), ""));
        if (seen.equals(lastSeen)) {
            return false;
        }
        lastSeen = seen;
        return true;
    }
}
