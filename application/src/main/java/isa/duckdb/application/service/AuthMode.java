package isa.duckdb.application.service;

import java.util.Locale;

/** {@code ISA_CLOUD_STORAGE_DUCKDB_AUTH_MODE}: who may act as a tenant. */
public enum AuthMode {
    /** {@code user_id} is trusted: whoever reaches the port may act as any tenant (the default, as before). */
    NONE,
    /** Every call carries {@code authorization: Bearer <token>}; the token's principal decides the tenants. */
    TOKEN;

    /** {@code none} or {@code token}, any case; IllegalArgumentException naming the choices otherwise. */
    public static AuthMode parse(String text) {
        for (AuthMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be 'none' or 'token', got '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
