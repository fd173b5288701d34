package isa.duckdb.bootstrap;

import isa.duckdb.application.port.out.ProcessMemory;
import isa.duckdb.application.port.out.ProcessMemoryContract;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real process memory of this test JVM, as Linux's procfs tells it. */
@EnabledOnOs(OS.LINUX)
class ProcfsProcessMemoryAdapterTest extends ProcessMemoryContract {
    private final ProcfsProcessMemoryAdapter memory = new ProcfsProcessMemoryAdapter();
    private ByteBuffer held;

    @Override
    protected ProcessMemory memory() {
        return memory;
    }

    @Override
    protected void holdMore(int bytes) {
        held = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < bytes; i += 4096) {
            held.put(i, (byte) 1);
        }
    }

    @Override
    protected void releaseHeld() {
        held = null;
    }
}
