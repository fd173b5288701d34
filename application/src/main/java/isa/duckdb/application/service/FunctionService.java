package isa.duckdb.application.service;

import isa.duckdb.application.port.in.CreateFunctionCommand;
import isa.duckdb.application.port.in.CreateFunctionUseCase;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ClientSqlPolicy;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.LegacyTablePrefix;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlExpression;
import isa.duckdb.domain.SqlLexer;
import isa.duckdb.domain.SqlScript;
import isa.duckdb.domain.SqlToken;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SQL functions (DuckDB macros) in a tenant's database. A body that is a query
 * ({@code SELECT}, {@code WITH}, {@code FROM}, {@code VALUES}) makes a function returning a table;
 * any other body is an expression, cast to {@code return_type} when one is given. A function of
 * the same name is replaced.
 */
public final class FunctionService implements CreateFunctionUseCase {
    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "WITH", "FROM", "VALUES");

    private final CatalogAccess access;

    @Inject
    public FunctionService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, TenantAccess tenants) {
        this.access = new CatalogAccess(catalog, lifecycle, tenants);
    }

    @Override
    public String create(CreateFunctionCommand command, CancellationSignal signal) {
        try (TenantCall call = access.enter(command.caller())) {
            return create(call.tenant(), command, signal);
        }
    }

    private String create(TenantId tenant, CreateFunctionCommand command, CancellationSignal signal) {
        if (command.name() == null || command.name().isEmpty()) {
            throw ServiceException.invalid("function_name is required");
        }
        Identifier name = Identifier.of(command.name());
        List<Identifier> parameters = command.parameters().stream().map(Identifier::of).toList();
        String bodyText = LegacyTablePrefix.of(tenant).rewriteSql(command.body());
        SqlExpression body = SqlExpression.of("function_body", bodyText);
        ClientSqlPolicy.check(SqlScript.parse(body.text()));
        Optional<SqlType> returnType = command.returnType() == null || command.returnType().isBlank()
                ? Optional.empty()
                : Optional.of(SqlType.of("return_type", command.returnType()));
        MacroDefinition macro = new MacroDefinition(name, parameters, body, returnType, isQuery(body.text()));
        return access.on(tenant, command.databaseRef(), signal, catalog -> {
            catalog.createMacro(macro);
            return "function '" + SafeText.quote(name.value()) + "' created with " + parameters.size() + " parameter(s)"
                    + (macro.table() ? ", returning a table" : returnType.map(t -> ", returning " + t.text()).orElse(""));
        });
    }

    private static boolean isQuery(String body) {
        for (SqlToken token : SqlLexer.tokenize(body)) {
            if (!token.isTrivia()) {
                return token.kind() == SqlToken.Kind.WORD
                        && QUERY_WORDS.contains(token.text(body).toUpperCase(Locale.ROOT));
            }
        }
        return false;
    }
}
