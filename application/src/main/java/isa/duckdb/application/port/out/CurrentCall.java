package isa.duckdb.application.port.out;

/**
 * Which inbound call the current thread serves. The inbound adapter knows it (the gRPC adapter keeps it in
 * the call's context); the core asks when it starts work it lists for operators (running queries).
 */
@FunctionalInterface
public interface CurrentCall {

    /** The call served on this thread now, or {@link ServedCall#NONE} when the thread serves none. */
    ServedCall get();
}
