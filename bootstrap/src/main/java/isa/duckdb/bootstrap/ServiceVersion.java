package isa.duckdb.bootstrap;

import picocli.CommandLine.IVersionProvider;

public final class ServiceVersion implements IVersionProvider {

    public static String current() {
        String version = ServiceVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"duckdb-service " + current()};
    }
}
