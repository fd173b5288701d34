package isa.duckdb.domain;

/**
 * A call's principal and the tenant it asks to act as ({@code user_id}, empty for the principal's own
 * subject). The application turns it into a {@link TenantId} with {@link Principal#actAs}, refusing a
 * tenant the principal may not act as.
 */
public record Caller(Principal principal, String userId) {
    public Caller {
        if (principal == null) {
            throw new ServiceException(ErrorKind.UNAUTHENTICATED, "the call carries no principal");
        }
        userId = userId == null ? "" : userId;
    }

    /** A caller in auth mode {@code none} naming the tenant (as before authentication existed; tests). */
    public static Caller trusted(TenantId tenant) {
        return new Caller(Principal.trusted(), tenant.id());
    }

    /** A caller in auth mode {@code none} naming {@code user_id} as given (empty is refused when used). */
    public static Caller trusted(String userId) {
        return new Caller(Principal.trusted(), userId);
    }
}
