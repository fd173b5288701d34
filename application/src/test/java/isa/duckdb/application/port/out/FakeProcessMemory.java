package isa.duckdb.application.port.out;

import java.util.concurrent.atomic.AtomicLong;

/** A process whose resident size the test sets. */
public final class FakeProcessMemory implements ProcessMemory {
    private final AtomicLong resident;

    public FakeProcessMemory(long residentBytes) {
        this.resident = new AtomicLong(residentBytes);
    }

    public void set(long residentBytes) {
        resident.set(residentBytes);
    }

    public void add(long bytes) {
        resident.addAndGet(bytes);
    }

    @Override
    public long residentBytes() {
        return resident.get();
    }
}
