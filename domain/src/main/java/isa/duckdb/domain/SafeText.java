package isa.duckdb.domain;

/** Caller-supplied text made fit to quote in an error: cut short, control characters replaced. */
public final class SafeText {
    private static final int MAX = 64;

    private SafeText() {
    }

    public static String quote(String raw) {
        String cut = raw.length() > MAX ? raw.substring(0, MAX) + "…" : raw;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
