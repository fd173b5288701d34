package isa.duckdb.application.service;

import isa.duckdb.application.port.in.CreateViewCommand;
import isa.duckdb.application.port.in.ManageViewsUseCase;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ClientSqlPolicy;
import isa.duckdb.domain.LegacyTablePrefix;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import isa.duckdb.domain.SqlToken;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import java.util.List;

/** Views of a tenant's database: a view's query is the caller's SQL, held to the same rules as any query. */
public final class ViewService implements ManageViewsUseCase {
    private final CatalogAccess access;

    @Inject
    public ViewService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, TenantAccess tenants) {
        this.access = new CatalogAccess(catalog, lifecycle, tenants);
    }

    @Override
    public String create(CreateViewCommand command, CancellationSignal signal) {
        TableRef view = command.view();
        try (TenantCall call = access.enter(view.caller())) {
            QualifiedName name = TableService.tableName(call.tenant(), view.name());
            String query = singleQuery(call.tenant(), command.query());
            return access.on(call.tenant(), view.databaseRef(), signal, catalog -> {
                catalog.createView(name, query, command.replace());
                return "view '" + name + "' " + (command.replace() ? "created or replaced" : "created");
            });
        }
    }

    /** The one statement of the text, without a trailing separator; the legacy prefix resolved. */
    private static String singleQuery(TenantId tenant, String text) {
        SqlScript script = SqlScript.parse(LegacyTablePrefix.of(tenant).rewriteSql(text == null ? "" : text));
        if (script.isEmpty()) {
            throw ServiceException.invalid("the view's query is empty");
        }
        if (script.statementCount() != 1) {
            throw ServiceException.invalid("a view's query is exactly one statement");
        }
        ClientSqlPolicy.check(script);
        List<SqlToken> tokens = script.statements().get(0);
        if (tokens.stream().anyMatch(t -> t.kind() == SqlToken.Kind.PARAMETER)) {
            throw ServiceException.invalid("a view's query cannot have parameter placeholders");
        }
        List<SqlToken> meaningful = tokens.stream().filter(t -> !t.isTrivia()).toList();
        return script.sql().substring(meaningful.get(0).start(), meaningful.get(meaningful.size() - 1).end());
    }

    @Override
    public List<String> list(Caller caller, String databaseRef, CancellationSignal signal) {
        try (TenantCall call = access.enter(caller)) {
            return access.on(call.tenant(), databaseRef, signal, SchemaCatalog::listViews);
        }
    }

    @Override
    public String drop(TableRef view, CancellationSignal signal) {
        try (TenantCall call = access.enter(view.caller())) {
            QualifiedName name = TableService.tableName(call.tenant(), view.name());
            return access.on(call.tenant(), view.databaseRef(), signal, catalog -> {
                if (!catalog.viewExists(name)) {
                    throw ServiceException.notFound("view '" + SafeText.quote(name.toString()) + "' does not exist");
                }
                catalog.dropView(name);
                return "view '" + name + "' dropped";
            });
        }
    }
}
