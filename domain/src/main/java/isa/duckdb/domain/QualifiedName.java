package isa.duckdb.domain;

import java.util.Optional;

/**
 * A table or view name, optionally with its schema: {@code events} or {@code analytics.events}.
 * The first dot separates the schema; without one the name lives in the default schema.
 */
public record QualifiedName(Optional<Identifier> schema, Identifier name) {
    public static final String DEFAULT_SCHEMA = "main";

    public static QualifiedName parse(String text) {
        if (text == null || text.isEmpty()) {
            throw ServiceException.invalid("a table or view name is required");
        }
        int dot = text.indexOf('.');
        if (dot > 0 && dot < text.length() - 1) {
            return new QualifiedName(Optional.of(Identifier.of(text.substring(0, dot))),
                    Identifier.of(text.substring(dot + 1)));
        }
        return new QualifiedName(Optional.empty(), Identifier.of(text));
    }

    public static QualifiedName of(Identifier name) {
        return new QualifiedName(Optional.empty(), name);
    }

    /** The schema, {@value #DEFAULT_SCHEMA} when none was given. */
    public String schemaName() {
        return schema.map(Identifier::value).orElse(DEFAULT_SCHEMA);
    }

    /** {@code "schema"."name"}, or {@code "name"} when no schema was given. */
    public String quoted() {
        return schema.map(s -> s.quoted() + ".").orElse("") + name.quoted();
    }

    public QualifiedName withName(Identifier other) {
        return new QualifiedName(schema, other);
    }

    @Override
    public String toString() {
        return schema.map(s -> s.value() + ".").orElse("") + name.value();
    }
}
