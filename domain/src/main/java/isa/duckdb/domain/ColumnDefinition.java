package isa.duckdb.domain;

import java.util.Optional;

/** A column of a table to create, validated; a primary key is stated on the table. */
public record ColumnDefinition(
        Identifier name,
        SqlType type,
        boolean nullable,
        Optional<SqlExpression> defaultValue,
        boolean unique,
        String comment) {

    public ColumnDefinition {
        comment = comment == null ? "" : comment;
    }
}
