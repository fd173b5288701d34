package isa.duckdb.domain;

import java.util.Locale;

/** The file formats data moves in and out as. */
public enum FileFormat {
    CSV("csv"),
    PARQUET("parquet"),
    JSON("json");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code csv}, {@code parquet}, {@code json}, or {@code ndjson}/{@code jsonl} (newline-delimited JSON). */
    public static FileFormat parse(String format) {
        String name = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "csv":
            case "tsv":
                return CSV;
            case "parquet":
                return PARQUET;
            case "json":
            case "ndjson":
            case "jsonl":
                return JSON;
            default:
                throw ServiceException.invalid("format '" + SafeText.quote(name)
                        + "' is not supported; use csv, parquet, json or ndjson");
        }
    }

    /** Options a format name implies (ndjson means newline-delimited records, tsv means tab-separated). */
    public static java.util.Map<String, String> impliedOptions(String format) {
        String name = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (name.equals("ndjson") || name.equals("jsonl")) {
            return java.util.Map.of("format", "newline_delimited");
        }
        if (name.equals("tsv")) {
            return java.util.Map.of("delimiter", "\t");
        }
        return java.util.Map.of();
    }
}
