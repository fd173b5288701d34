package isa.duckdb.application.service;

import java.util.concurrent.atomic.LongAdder;

/** What the service counted for one database; kept while the database exists, open or not. */
final class DatabaseCounters {
    final LongAdder cacheHits = new LongAdder();
    final LongAdder cacheMisses = new LongAdder();
    final LongAdder syncs = new LongAdder();
    final LongAdder syncFailures = new LongAdder();
    final QueryMetrics queries = new QueryMetrics();
}
