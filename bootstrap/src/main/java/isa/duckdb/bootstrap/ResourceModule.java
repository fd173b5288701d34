package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import isa.duckdb.adapters.grpc.StreamTimers;
import isa.duckdb.application.port.out.ProcessMemory;
import isa.duckdb.application.service.MemoryGuard;
import isa.duckdb.application.service.RunningQueries;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The service-wide resource bounds: the process memory guard and the timers of idle streams and uploads. */
@Module
abstract class ResourceModule {
    private ResourceModule() {
    }

    @Provides
    @Singleton
    static ProcessMemory processMemory() {
        return new ProcfsProcessMemoryAdapter();
    }

    @Provides
    @Singleton
    static MemoryGuard memoryGuard(ProcessMemory memory, RunningQueries running, ServiceConfig config, Clock clock) {
        return new MemoryGuard(memory, running, config.resourceBounds().processMemoryLimit(), clock);
    }

    @Provides
    @Singleton
    @Named(MemoryWatch.EXECUTOR)
    static ScheduledExecutorService memoryWatchExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("memory-guard"));
    }

    @Provides
    @Singleton
    @Named(StreamTimers.EXECUTOR)
    static ScheduledExecutorService streamTimerExecutor() {
        return DaemonThreads.callTimers("stream-timers");
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopMemoryWatch(@Named(MemoryWatch.EXECUTOR) ScheduledExecutorService executor);

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopStreamTimers(@Named(StreamTimers.EXECUTOR) ScheduledExecutorService executor);
}
