package isa.duckdb.application.service;

import isa.duckdb.application.port.in.ManageExtensionsUseCase;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ExtensionAllowList;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Extensions of a tenant's database. Only names on the operator's allow-list are loaded, and only
 * from what the engine has at hand (those bundled with it): nothing is ever downloaded, so an
 * extension that is not bundled fails at once instead of waiting on a network.
 */
public final class ExtensionService implements ManageExtensionsUseCase {
    private final CatalogAccess access;
    private final ExtensionAllowList allowList;

    @Inject
    public ExtensionService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, ExtensionAllowList allowList,
            TenantAccess tenants) {
        this.access = new CatalogAccess(catalog, lifecycle, tenants);
        this.allowList = allowList;
    }

    @Override
    public List<EngineExtension> list(Caller caller, String databaseRef, CancellationSignal signal) {
        try (TenantCall call = access.enter(caller)) {
            return access.on(call.tenant(), databaseRef, signal, catalog -> catalog.extensions());
        }
    }

    @Override
    public String install(Caller caller, String databaseRef, String extensionName, CancellationSignal signal) {
        try (TenantCall call = access.enter(caller)) {
            return install(call.tenant(), databaseRef, extensionName, signal);
        }
    }

    private String install(TenantId tenant, String databaseRef, String extensionName, CancellationSignal signal) {
        ExtensionName name = ExtensionName.of(extensionName);
        if (!allowList.permits(name)) {
            throw ServiceException.failedPrecondition("extension '" + name + "' is not on this server's allow-list ("
                    + (allowList.names().isEmpty() ? "empty" : String.join(", ", allowList.names())) + ")");
        }
        return access.on(tenant, databaseRef, signal, catalog -> {
            Optional<EngineExtension> known = catalog.extensions().stream()
                    .filter(e -> e.name().equals(name.value()))
                    .findFirst();
            if (known.isEmpty()) {
                throw ServiceException.failedPrecondition("DuckDB knows no extension named '" + name + "'");
            }
            EngineExtension extension = known.get();
            if (extension.loaded()) {
                return "extension '" + name + "' is bundled and already loaded";
            }
            if (!extension.installed()) {
                throw ServiceException.failedPrecondition("extension '" + name + "' is not bundled with this server"
                        + " and cannot be installed: the service never downloads extensions");
            }
            catalog.loadExtension(name);
            return "extension '" + name + "' loaded";
        });
    }
}
