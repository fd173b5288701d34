package isa.duckdb.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A SQL function (a DuckDB macro) to create. A scalar body is an expression, cast to
 * {@code returnType} when one is given; a table body is a query.
 */
public record MacroDefinition(Identifier name, List<Identifier> parameters, SqlExpression body,
        Optional<SqlType> returnType, boolean table) {
    public static final int MAX_PARAMETERS = 1000;

    public MacroDefinition {
        parameters = List.copyOf(parameters);
        if (parameters.size() > MAX_PARAMETERS) {
            throw ServiceException.invalid("a function has at most " + MAX_PARAMETERS + " parameters");
        }
        Set<String> seen = new HashSet<>();
        for (Identifier parameter : parameters) {
            if (!seen.add(parameter.value().toLowerCase(Locale.ROOT))) {
                throw ServiceException.invalid("parameter '" + SafeText.quote(parameter.value()) + "' is given twice");
            }
        }
        if (table && returnType.isPresent()) {
            throw ServiceException.invalid("return_type applies to functions returning one value; a function whose"
                    + " body is a query returns a table");
        }
    }
}
