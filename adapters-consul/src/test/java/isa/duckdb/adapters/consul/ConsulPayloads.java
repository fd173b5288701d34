package isa.duckdb.adapters.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a registration body the way Consul does: keys match the documented field names without
 * regard to case (Go's JSON decoder; the client library writes {@code Id} for {@code ID}), and a
 * {@code null} or an empty {@code Checks} list means the field is absent.
 */
public final class ConsulPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCUMENTED = List.of("Name", "ID", "Address", "Port", "Tags", "Meta", "Check",
            "Checks", "EnableTagOverride", "Weights", "Kind", "TaggedAddresses", "GRPC", "GRPCUseTLS", "Interval",
            "Timeout", "DeregisterCriticalServiceAfter", "CheckID", "Args", "TTL", "HTTP", "TCP", "Notes",
            "TLSSkipVerify", "Status", "SuccessBeforePassing", "FailuresBeforeCritical");

    private ConsulPayloads() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registration with documented key names and absent fields left out. */
    public static JsonNode asConsulReadsIt(JsonNode registration) {
        ObjectNode view = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = registration.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull() || (field.getKey().equalsIgnoreCase("Checks") && value.isEmpty())) {
                continue;
            }
            boolean nested = field.getKey().equalsIgnoreCase("Check");
            view.set(documentedName(field.getKey()), nested ? asConsulReadsIt(value) : value);
        }
        return view;
    }

    /** The payload this service registers with, as Consul's agent API documents it. */
    public static JsonNode documentedRegistration(String host, int port, String version) {
        return parse("""
                {
                  "Name": "duckdb-grpc-service",
                  "ID": "duckdb-service-%1$s",
                  "Address": "%1$s",
                  "Port": %2$d,
                  "Tags": ["grpc", "duckdb", "analytics"],
                  "Meta": {"service_type": "duckdb", "version": "%3$s"},
                  "Check": {
                    "GRPC": "%1$s:%2$d",
                    "GRPCUseTLS": false,
                    "Interval": "10s",
                    "Timeout": "5s",
                    "DeregisterCriticalServiceAfter": "30s"
                  }
                }
                """.formatted(host, port, version));
    }

    private static String documentedName(String key) {
        for (String name : DOCUMENTED) {
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        return key;
    }
}
