package isa.duckdb.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's version (its manifest), {@code dev} when run from classes. */
final class CliVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = DuckDbCli.class.getPackage().getImplementationVersion();
        return new String[] {"duckdb-cli " + (version == null ? "dev" : version)};
    }
}
