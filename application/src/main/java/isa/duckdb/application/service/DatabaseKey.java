package isa.duckdb.application.service;

import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.TenantId;

/** Where a database lives: its tenant's bucket and its name. */
record DatabaseKey(String bucket, DatabaseName name) {

    static DatabaseKey of(TenantId tenant, DatabaseName name) {
        return new DatabaseKey(tenant.databaseBucket(), name);
    }

    String objectKey() {
        return StorageLayout.databaseKey(name);
    }

    @Override
    public String toString() {
        return bucket + "/" + name.value();
    }
}
