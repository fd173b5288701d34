package isa.duckdb.adapters.grpc;

/** Told about every call when it ends (just before its status is sent), on the thread that ended it. */
@FunctionalInterface
public interface CallListener {

    /** Must be quick and must not throw; it runs on a call thread. */
    void finished(FinishedCall call);
}
