package isa.duckdb.bench;

import java.math.BigDecimal;
import java.util.List;

/**
 * Canonical text of a Q1 result row, comparable across contenders: flag, status, sum_qty,
 * sum_base_price and count_order, numbers without trailing zeros ({@code A|F|3775.5|…|120}).
 * The averages and the products are left out: engines round them differently.
 */
public final class Q1Rows {
    private Q1Rows() {
    }

    /** The canonical row from its flag, status, sum_qty, sum_base_price and count texts. */
    public static String row(String flag, String status, String sumQuantity, String sumBasePrice, String count) {
        return String.join("|", flag, status, number(sumQuantity), number(sumBasePrice), number(count));
    }

    /** A number's text without trailing zeros ({@code 12.50} → {@code 12.5}, {@code 100} → {@code 100}). */
    public static String number(String text) {
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    /** Total of the count column over canonical rows. */
    public static long totalCount(List<String> rows) {
        long total = 0;
        for (String row : rows) {
            total += Long.parseLong(row.substring(row.lastIndexOf('|') + 1));
        }
        return total;
    }
}
