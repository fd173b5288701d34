package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.QueryEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Interim engine for the tests that need only files (open, snapshot, header check) until the
 * shared fake QueryEngine is merged, which replaces it. A database file is a text starting with
 * {@link #HEADER}; sessions are not supported.
 */
final class FileOnlyEngine implements QueryEngine {
    static final String HEADER = "12345678DUCK";

    @Override
    public EngineDatabase open(Path databaseFile, EngineLimits limits) {
        try {
            if (!Files.exists(databaseFile)) {
                Files.writeString(databaseFile, HEADER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EngineDatabase() {
            @Override
            public EngineSession openSession() {
                throw new UnsupportedOperationException("FileOnlyEngine has no sessions");
            }

            @Override
            public void snapshotTo(Path target) {
                try {
                    Files.copy(databaseFile, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String changeMarker() {
                return "unchanged";
            }

            @Override
            public int tableCount() {
                return 0;
            }

            @Override
            public long sizeBytes() {
                try {
                    return Files.size(databaseFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean isDatabaseFile(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).startsWith(HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String version() {
        return "v0.0.0-files-only";
    }

    @Override
    public void selfTest() {
    }
}
