package isa.duckdb.adapters.grpc;

final class Millis {
    private Millis() {
    }

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
