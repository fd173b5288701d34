package isa.duckdb.application.port.out;

/**
 * This instance's hold on one database.
 *
 * @param bucket the tenant's bucket
 * @param databaseName the database's name
 * @param generation grows each time the database changes hands (Consul: the key's {@code LockIndex}); the same
 *     while one holder keeps it
 * @param owner the holder (this instance)
 */
public record OwnershipLease(String bucket, String databaseName, long generation, DatabaseOwner owner) {
}
