package isa.duckdb.domain;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who calls, as authentication established it, and which tenants it may act as (issue 12, "Authentication
 * and authorization"):
 * <ul>
 * <li>{@link #trusted()}: auth mode {@code none}; whoever reaches the port may act as any tenant by naming
 *     it in {@code user_id} (the behaviour before authentication existed), and sees service-wide health and
 *     metrics.</li>
 * <li>{@link #user}: a verified token (JWT). It may act as the user tenant equal to its {@code sub}, as each
 *     organization tenant ({@code org-…}) in its {@code orgs} claim, and with role {@value #ADMIN_ROLE} in its
 *     {@code roles} claim as any tenant.</li>
 * <li>{@link #apiKey}: an API key; it may act as the tenants its line lists ({@value #ANY_TENANT} for any, which
 *     also makes it an administrator).</li>
 * <li>{@link #anonymous()}: no credential in auth mode {@code token}; only the basic health check answers it.</li>
 * </ul>
 * Tenant ids are compared exactly (no case folding, no bucket-name mapping).
 */
public final class Principal {
    /** The role that lets a principal act as any tenant and see service-wide health and metrics. */
    public static final String ADMIN_ROLE = "duckdb:admin";
    /** In an API key's tenant list: any tenant (an administrator). */
    public static final String ANY_TENANT = "*";
    private static final String ORGANIZATION_PREFIX = "org-";

    private enum Kind { TRUSTED, ANONYMOUS, USER, API_KEY }

    private final Kind kind;
    private final String subject;
    private final Set<String> tenants;
    private final boolean admin;

    private Principal(Kind kind, String subject, Set<String> tenants, boolean admin) {
        this.kind = kind;
        this.subject = subject;
        this.tenants = Set.copyOf(tenants);
        this.admin = admin;
    }

    /** Auth mode {@code none}: may act as any tenant named by {@code user_id}; an empty one names nobody. */
    public static Principal trusted() {
        return new Principal(Kind.TRUSTED, "", Set.of(), true);
    }

    /** No credential (auth mode {@code token}): may act as no tenant. */
    public static Principal anonymous() {
        return new Principal(Kind.ANONYMOUS, "", Set.of(), false);
    }

    /**
     * A token's principal.
     *
     * @param subject the token's {@code sub}: its own user tenant, and the tenant an empty {@code user_id} means;
     *     a {@code sub} starting with {@code org-} names no user tenant (organizations come from {@code orgs} only)
     * @param organizations the {@code orgs} claim; entries not starting with {@code org-} are ignored (an
     *     organization claim never grants a user tenant)
     * @param roles the {@code roles} claim; {@value #ADMIN_ROLE} makes it an administrator
     */
    public static Principal user(String subject, Collection<String> organizations, Collection<String> roles) {
        if (subject == null || subject.isBlank()) {
            throw new ServiceException(ErrorKind.UNAUTHENTICATED, "the token has no subject (sub)");
        }
        Set<String> tenants = new TreeSet<>();
        if (!subject.startsWith(ORGANIZATION_PREFIX)) {
            tenants.add(subject);
        }
        organizations.stream().filter(o -> o != null && o.startsWith(ORGANIZATION_PREFIX)).forEach(tenants::add);
        return new Principal(Kind.USER, subject, tenants, roles.contains(ADMIN_ROLE));
    }

    /**
     * An API key's principal.
     *
     * @param name the principal its line names, also the tenant an empty {@code user_id} means
     * @param tenants the tenants it may act as; {@value #ANY_TENANT} for any
     */
    public static Principal apiKey(String name, Collection<String> tenants) {
        boolean any = tenants.contains(ANY_TENANT);
        return new Principal(Kind.API_KEY, name, any ? Set.of() : new TreeSet<>(tenants), any);
    }

    /**
     * The tenant this principal acts as for a call's {@code user_id}: an empty one means the principal's own
     * subject. PERMISSION_DENIED when the principal may not act as it (or names nobody), UNAUTHENTICATED for
     * the anonymous principal.
     */
    public TenantId actAs(String userId) {
        requireAuthenticated();
        String id = userId == null || userId.isEmpty() ? subject : userId;
        TenantId tenant = TenantId.of(id);
        requireMayActAs(tenant);
        return tenant;
    }

    /** PERMISSION_DENIED unless this principal may act as the tenant (UNAUTHENTICATED when anonymous). */
    public void requireMayActAs(TenantId tenant) {
        requireAuthenticated();
        if (!mayActAs(tenant)) {
            throw new ServiceException(ErrorKind.PERMISSION_DENIED, "principal '" + SafeText.quote(subject)
                    + "' may not act as tenant '" + SafeText.quote(tenant.id()) + "'");
        }
    }

    /** PERMISSION_DENIED unless an administrator (service-wide health and metrics); UNAUTHENTICATED when anonymous. */
    public void requireAdmin(String what) {
        requireAuthenticated();
        if (!admin) {
            throw new ServiceException(ErrorKind.PERMISSION_DENIED, what + " needs the role " + ADMIN_ROLE);
        }
    }

    public boolean mayActAs(TenantId tenant) {
        return admin || tenants.contains(tenant.id());
    }

    public boolean isAdmin() {
        return admin;
    }

    /** The subject ({@code sub} or API key principal); empty for the trusted and anonymous principals. */
    public String subject() {
        return subject;
    }

    private void requireAuthenticated() {
        if (kind == Kind.ANONYMOUS) {
            throw new ServiceException(ErrorKind.UNAUTHENTICATED,
                    "this call needs a token (metadata 'authorization: Bearer <token>')");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Principal that && kind == that.kind && subject.equals(that.subject)
                && tenants.equals(that.tenants) && admin == that.admin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, subject, tenants, admin);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TRUSTED -> "Principal[trusted]";
            case ANONYMOUS -> "Principal[anonymous]";
            default -> "Principal[" + kind + " " + subject + (admin ? ", admin" : "") + ", tenants=" + tenants + "]";
        };
    }
}
