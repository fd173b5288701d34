package isa.duckdb.application.port.out;

class FakeProcessMemoryTest extends ProcessMemoryContract {
    private final FakeProcessMemory memory = new FakeProcessMemory(200L << 20);
    private long held;

    @Override
    protected ProcessMemory memory() {
        return memory;
    }

    @Override
    protected void holdMore(int bytes) {
        held += bytes;
        memory.add(bytes);
    }

    @Override
    protected void releaseHeld() {
        memory.add(-held);
        held = 0;
    }
}
