package isa.duckdb.domain;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The extensions an operator lets tenants load; anything else is refused. */
public record ExtensionAllowList(Set<String> names) {
    public static final String DEFAULT = "parquet,json,icu,core_functions";

    public ExtensionAllowList {
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
        names.forEach(ExtensionName::of);
    }

    /** Comma-separated names; blanks around names are ignored, an empty text allows nothing. */
    public static ExtensionAllowList parse(String commaSeparated) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .forEach(names::add);
        return new ExtensionAllowList(names);
    }

    public boolean permits(ExtensionName name) {
        return names.contains(name.value());
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
