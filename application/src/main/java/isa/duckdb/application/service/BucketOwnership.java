package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's bucket naming can give two tenants one bucket ({@code a_b} and {@code a-b}
 * both become {@code user-a-b-duckdb}; user {@code a} with bucket {@code b-c} and user
 * {@code a-b} with bucket {@code c} share {@code user-a-b-c}). So each bucket records its owner
 * in an {@code .owner} object when the service first uses it, and every later use checks it.
 */
@Singleton
public final class BucketOwnership {

    private final ObjectStorage storage;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    @Inject
    public BucketOwnership(ObjectStorage storage) {
        this.storage = storage;
    }

    /** Creates the bucket if needed and makes sure it is the tenant's. */
    public void claim(String bucket, TenantId tenant) {
        if (tenant.id().equals(owners.get(bucket))) {
            return;
        }
        storage.ensureBucket(bucket);
        Optional<String> owner = recordedOwner(bucket);
        if (owner.isEmpty()) {
            storage.put(bucket, StorageLayout.OWNER_MARKER, tenant.id().getBytes(StandardCharsets.UTF_8));
            owner = recordedOwner(bucket);
        }
        requireOwner(bucket, tenant, owner);
    }

    /** Refuses a bucket that another tenant owns; a bucket nobody claimed yet passes. */
    public void check(String bucket, TenantId tenant) {
        if (tenant.id().equals(owners.get(bucket))) {
            return;
        }
        Optional<String> owner = recordedOwner(bucket);
        if (owner.isPresent()) {
            requireOwner(bucket, tenant, owner);
        }
    }

    private Optional<String> recordedOwner(String bucket) {
        return storage.get(bucket, StorageLayout.OWNER_MARKER).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private void requireOwner(String bucket, TenantId tenant, Optional<String> owner) {
        if (owner.isPresent() && owner.get().equals(tenant.id())) {
            owners.put(bucket, tenant.id());
            return;
        }
        throw ServiceException.failedPrecondition("bucket '" + bucket + "' belongs to another tenant whose id"
                + " maps to the same bucket name; use another bucket_name (or another user id)");
    }
}
