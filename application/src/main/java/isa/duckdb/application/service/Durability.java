package isa.duckdb.application.service;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.Locale;

/**
 * When a write counts as safe (issue 13, "Durable acknowledgements"; option {@code --durability}).
 *
 * <ul>
 *   <li>{@link #PERIODIC}: a write is acknowledged once DuckDB committed it on this instance's disk; object storage
 *       receives it with the next sync (every {@code --sync-interval}), so losing the disk loses the writes since.
 *   <li>{@link #COMMIT}: a write is acknowledged only after the write-ahead-log bytes it appended are stored as a
 *       segment next to the database ({@link StorageLayout#walSegmentKey}); opening the database replays its base
 *       and those segments, so an acknowledged write survives the loss of the instance and its disk.
 * </ul>
 */
public enum Durability {
    PERIODIC,
    COMMIT;

    /**
     * {@code periodic} or {@code commit}, in any case.
     *
     * @throws ServiceException INVALID_ARGUMENT naming the accepted values
     */
    public static Durability parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorKind.INVALID_ARGUMENT,
                    "durability must be periodic or commit, got '" + text + "'");
        }
    }
}
