package isa.duckdb.adapters.duckdb;

import java.util.List;
import java.util.Set;

/**
 * Prints what {@link EngineSqlPolicy#check} costs per call (µs) for a short query, a typical analytic query and a
 * 100-statement script: a program, not a test ({@code java -cp … isa.duckdb.adapters.duckdb.EngineSqlPolicyCost}).
 */
final class EngineSqlPolicyCost {
    private EngineSqlPolicyCost() {
    }

    public static void main(String[] args) {
        String analytic = """
                WITH recent AS (SELECT region, amount, ts FROM sales WHERE ts > now() - INTERVAL 30 DAY)
                SELECT region, sum(amount) AS total, avg(amount) AS mean, histogram(amount) AS spread,
                       current_setting('TimeZone') AS zone
                FROM recent JOIN regions USING (region)
                WHERE region IN (SELECT region FROM regions WHERE active) /* a comment */
                GROUP BY region ORDER BY total DESC LIMIT 100""";
        String script = "INSERT INTO t VALUES (1, 'a', 2.5);\n".repeat(100);
        for (String sql : List.of("SELECT 1", analytic, script)) {
            int rounds = sql.length() > 1000 ? 5_000 : 100_000;
            double best = Double.MAX_VALUE;
            for (int repeat = 0; repeat < 8; repeat++) {
                long start = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    EngineSqlPolicy.check(sql, Set.of());
                }
                best = Math.min(best, (System.nanoTime() - start) / 1000.0 / rounds);
            }
            System.out.printf("%6d chars: %.2f µs per check (best of 8 rounds)%n", sql.length(), best);
        }
    }
}
