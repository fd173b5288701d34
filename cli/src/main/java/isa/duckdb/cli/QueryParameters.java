package isa.duckdb.cli;

import isa.duckdb.api.NullValue;
import isa.duckdb.api.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --param name=value} as typed parameters: a whole number is an integer, another number a double,
 * {@code true}/{@code false} a boolean, {@code null} NULL, anything else text; {@code name:text=value} keeps
 * the value text. Names are {@code $name} in the SQL, or {@code 1}, {@code 2}, … for {@code ?}/{@code $1}.
 */
final class QueryParameters {
    private QueryParameters() {
    }

    static Map<String, Value> parse(List<String> given) {
        Map<String, Value> parameters = new LinkedHashMap<>();
        for (String parameter : given) {
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new CliFailure("USAGE", "--param must be name=value, got '" + parameter + "'");
            }
            String name = parameter.substring(0, equals);
            String value = parameter.substring(equals + 1);
            if (name.endsWith(":text")) {
                parameters.put(name.substring(0, name.length() - 5), Value.newBuilder().setStringValue(value).build());
            } else {
                parameters.put(name, typed(value));
            }
        }
        return parameters;
    }

    private static Value typed(String value) {
        if (value.matches("[+-]?\\d{1,18}")) {
            return Value.newBuilder().setIntValue(Long.parseLong(value)).build();
        }
        if (value.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
            return Value.newBuilder().setDoubleValue(Double.parseDouble(value)).build();
        }
        if (value.equals("true") || value.equals("false")) {
            return Value.newBuilder().setBoolValue(Boolean.parseBoolean(value)).build();
        }
        if (value.equals("null")) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        return Value.newBuilder().setStringValue(value).build();
    }
}
