package isa.duckdb.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed as aligned columns under a header and a rule. Widths come from the rows given before
 * {@link #print}; {@link #printMore} prints later rows with those widths (longer cells just stick out), so a
 * result of any size needs only its first rows in memory.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private int[] widths;

    TextTable(List<String> header) {
        this.header = header;
    }

    TextTable add(List<String> row) {
        rows.add(row);
        return this;
    }

    /** Prints the header, the rule and the rows added so far, fixing the column widths. */
    void print(PrintWriter out) {
        widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(header.get(i));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        line(out, header);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        rows.forEach(row -> line(out, row));
        rows.clear();
    }

    /** Prints one more row with the widths {@link #print} fixed. */
    void printMore(PrintWriter out, List<String> row) {
        line(out, row);
    }

    private void line(PrintWriter out, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            line.append(i == 0 ? "" : " | ").append(cell);
            if (i < widths.length - 1) {
                line.append(" ".repeat(Math.max(0, widths[i] - width(cell))));
            }
        }
        out.println(line);
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
