package isa.duckdb.domain;

/**
 * A database named together with its tenant, {@code {user_id}/{database id or name}}, for the
 * calls that carry no {@code user_id} (HealthCheck, GetMetrics). The last {@code /} separates
 * the two, as neither a database name nor a database id contains one.
 */
public record TenantDatabaseRef(TenantId tenant, String database) {

    public static TenantDatabaseRef parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.substring(0, slash).isBlank()) {
            throw ServiceException.invalid("database_id must be '{user_id}/{database id or name}' here, as this call"
                    + " carries no user_id; got '" + SafeText.quote(text == null ? "" : text) + "'");
        }
        return new TenantDatabaseRef(TenantId.of(text.substring(0, slash)), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return tenant.id() + "/" + database;
    }
}
