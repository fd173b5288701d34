package isa.duckdb.application.port.out;

/** The in-memory fake held to the ownership contract. */
class InMemoryDatabaseOwnershipTest extends DatabaseOwnershipContract {
    private final InMemoryDatabaseOwnership.Coordinator coordinator = new InMemoryDatabaseOwnership.Coordinator();

    @Override
    protected DatabaseOwnership instance(String instanceId, String address) {
        return coordinator.instance(new DatabaseOwner(instanceId, address));
    }

    @Override
    protected void loseSession(DatabaseOwnership instance) {
        ((InMemoryDatabaseOwnership) instance).loseAll();
    }

    @Override
    protected void waitOutLockDelay() {
        coordinator.endLockDelays();
    }
}
