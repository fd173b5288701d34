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
 * {@code a-b} with bucket {@code c} share {@code user-a-b-c}). So each bucket records its owner,
 * the exact tenant id, in an {@code .owner} object when the service first uses it, and every later
 * use compares the caller's exact id with it (issue 12, "Critical, isolation").
 *
 * <p>A bucket that holds objects but no owner (written by the Go service, which recorded none) is
 * adopted by the first tenant that uses it. Claims are serialized within this instance; two
 * instances claiming one new bucket at the same moment are not (the storage port has no
 * conditional write), which needs two colliding tenant ids created within milliseconds.
 */
@Singleton
public final class BucketOwnership {

    private final ObjectStorage storage;
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Object> claimLocks = new ConcurrentHashMap<>();

    @Inject
    public BucketOwnership(ObjectStorage storage) {
        this.storage = storage;
    }

    /** Creates the bucket if needed and makes sure it is the tenant's; FAILED_PRECONDITION when another owns it. */
    public void claim(String bucket, TenantId tenant) {
        if (tenant.id().equals(owners.get(bucket))) {
            return;
        }
        synchronized (claimLocks.computeIfAbsent(bucket, b -> new Object())) {
            storage.ensureBucket(bucket);
            Optional<String> owner = recordedOwner(bucket);
            if (owner.isEmpty()) {
                storage.put(bucket, StorageLayout.OWNER_MARKER, tenant.id().getBytes(StandardCharsets.UTF_8));
                owner = recordedOwner(bucket);
            }
            if (!owner.map(tenant.id()::equals).orElse(false)) {
                throw ServiceException.failedPrecondition("bucket '" + bucket + "' belongs to another tenant whose"
                        + " id maps to the same bucket name; use another bucket_name (or another user id)");
            }
            owners.put(bucket, tenant.id());
        }
    }

    /**
     * Whether the tenant may use the bucket: it is the recorded owner, or the bucket has no owner yet. An
     * ownerless bucket that already holds objects is claimed for the tenant on the way; an empty or missing
     * one is left alone (nothing to protect, nothing created by a read).
     */
    public boolean mayUse(String bucket, TenantId tenant) {
        if (tenant.id().equals(owners.get(bucket))) {
            return true;
        }
        Optional<String> owner = recordedOwner(bucket);
        if (owner.isPresent()) {
            if (owner.get().equals(tenant.id())) {
                owners.put(bucket, tenant.id());
                return true;
            }
            return false;
        }
        if (storage.list(bucket, "").isEmpty()) {
            return true;
        }
        try {
            claim(bucket, tenant);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    /** FAILED_PRECONDITION unless {@link #mayUse} says yes. */
    public void check(String bucket, TenantId tenant) {
        if (!mayUse(bucket, tenant)) {
            throw ServiceException.failedPrecondition("bucket '" + bucket + "' belongs to another tenant whose id"
                    + " maps to the same bucket name; use another bucket_name (or another user id)");
        }
    }

    private Optional<String> recordedOwner(String bucket) {
        return storage.get(bucket, StorageLayout.OWNER_MARKER).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
