package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link ProcessMemory} does: tells the process's resident bytes, and more once it holds more. */
public abstract class ProcessMemoryContract {
    /** What the contract holds against. */
    protected abstract ProcessMemory memory();

    /** Makes the process hold (and touch) {@code bytes} more until {@link #releaseHeld} and returns at once. */
    protected abstract void holdMore(int bytes);

    protected abstract void releaseHeld();

    @Test
    void tellsAPositiveResidentSize() {
        assertThat(memory().residentBytes()).isPositive();
    }

    @Test
    void countsMemoryTheProcessTakesOn() {
        int more = 256 * 1024 * 1024;
        long before = memory().residentBytes();
        try {
            holdMore(more);

            assertThat(memory().residentBytes()).isGreaterThanOrEqualTo(before + more / 2);
        } finally {
            releaseHeld();
        }
    }
}
