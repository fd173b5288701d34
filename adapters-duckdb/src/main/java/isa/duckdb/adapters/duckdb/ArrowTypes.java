package isa.duckdb.adapters.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * DuckDB's own type text ({@code typeof()}, {@code DESCRIBE}) rebuilt from the Arrow schema of its
 * export: {@code INTEGER}, {@code DECIMAL(18,3)}, {@code ENUM('a', 'b')}, {@code STRUCT("é" INTEGER)},
 * {@code INTEGER[2]}. Names are quoted as DuckDB's LogicalType::ToString does: when they hold more
 * than ASCII letters, digits and underscores, start with a digit, or are keywords
 * ({@code duckdb_keywords()}); labels and names keep their exact UTF-8, which the JDBC metadata
 * does not for characters outside the Basic Multilingual Plane.
 */
final class ArrowTypes {
    private static final String EXTENSION_NAME = "ARROW:extension:name";
    private static final String EXTENSION_METADATA = "ARROW:extension:metadata";
    private static final Pattern OPAQUE_TYPE_NAME = Pattern.compile("\"type_name\"\\s*:\\s*\"([^\"]+)\"");

    private ArrowTypes() {
    }

    /**
     * The DuckDB type an extension field stands for, lower-case ({@code boolean}, {@code uuid}, {@code json},
     * {@code hugeint}, {@code uhugeint}, {@code time_tz}, {@code bit}, {@code bignum}), or null.
     */
    static String duckDbExtension(Field field) {
        String name = field.getMetadata().get(EXTENSION_NAME);
        if (name == null) {
            return null;
        }
        switch (name) {
            case "arrow.uuid":
                return "uuid";
            case "arrow.json":
                return "json";
            case "arrow.bool8":
                return "boolean";
            case "geoarrow.wkb":
                return "geometry";
            case "arrow.opaque":
                Matcher matcher = OPAQUE_TYPE_NAME.matcher(field.getMetadata().getOrDefault(EXTENSION_METADATA, ""));
                return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
            default:
                return null;
        }
    }

    /**
     * DuckDB's type text of a field.
     * @param dictionaries the labels of ENUM fields; when null or missing, an ENUM shows as {@code ENUM}
     */
    static String duckDbType(Field field, DictionaryProvider dictionaries) {
        if (field.getDictionary() != null) {
            Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(field.getDictionary().getId());
            return dictionary == null ? "ENUM" : enumType((VarCharVector) dictionary.getVector());
        }
        String extension = duckDbExtension(field);
        if (extension != null) {
            return "time_tz".equals(extension) ? "TIME WITH TIME ZONE" : extension.toUpperCase(Locale.ROOT);
        }
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Null:
                return "NULL";
            case Bool:
                return "BOOLEAN";
            case Int:
                return integer((ArrowType.Int) type);
            case FloatingPoint:
                return ((ArrowType.FloatingPoint) type).getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE
                        ? "FLOAT" : "DOUBLE";
            case Decimal:
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                return "DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
            case Utf8:
            case LargeUtf8:
            case Utf8View:
                return "VARCHAR";
            case Binary:
            case LargeBinary:
            case BinaryView:
                return "BLOB";
            case Date:
                return "DATE";
            case Time:
                return ((ArrowType.Time) type).getUnit() == org.apache.arrow.vector.types.TimeUnit.NANOSECOND ? "TIME_NS" : "TIME";
            case Timestamp:
                return timestamp((ArrowType.Timestamp) type);
            case Interval:
                return "INTERVAL";
            case List:
            case LargeList:
                return duckDbType(field.getChildren().get(0), dictionaries) + "[]";
            case FixedSizeList:
                return duckDbType(field.getChildren().get(0), dictionaries) + "[" + ((ArrowType.FixedSizeList) type).getListSize() + "]";
            case Struct:
                return "STRUCT(" + members(field, dictionaries) + ")";
            case Map:
                Field entry = field.getChildren().get(0);
                return "MAP(" + duckDbType(entry.getChildren().get(0), dictionaries) + ", "
                        + duckDbType(entry.getChildren().get(1), dictionaries) + ")";
            case Union:
                return "UNION(" + members(field, dictionaries) + ")";
            default:
                return type.toString();
        }
    }

    private static String members(Field field, DictionaryProvider dictionaries) {
        StringBuilder text = new StringBuilder();
        for (Field child : field.getChildren()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(name(child.getName())).append(' ').append(duckDbType(child, dictionaries));
        }
        return text.toString();
    }

    private static String enumType(VarCharVector labels) {
        StringBuilder text = new StringBuilder("ENUM(");
        for (int i = 0; i < labels.getValueCount(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            String label = new String(labels.get(i), java.nio.charset.StandardCharsets.UTF_8);
            text.append('\'').append(label.replace("'", "''")).append('\'');
        }
        return text.append(')').toString();
    }

    private static String integer(ArrowType.Int type) {
        String name;
        switch (type.getBitWidth()) {
            case 8:
                name = "TINYINT";
                break;
            case 16:
                name = "SMALLINT";
                break;
            case 32:
                name = "INTEGER";
                break;
            default:
                name = "BIGINT";
        }
        return type.getIsSigned() ? name : "U" + name;
    }

    private static String timestamp(ArrowType.Timestamp type) {
        if (type.getTimezone() != null) {
            return "TIMESTAMP WITH TIME ZONE";
        }
        switch (type.getUnit()) {
            case SECOND:
                return "TIMESTAMP_S";
            case MILLISECOND:
                return "TIMESTAMP_MS";
            case NANOSECOND:
                return "TIMESTAMP_NS";
            default:
                return "TIMESTAMP";
        }
    }

    /** A member name, quoted when DuckDB quotes it. */
    static String name(String name) {
        boolean plain = true;
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9';
        }
        if (plain && !Keywords.ALL.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** DuckDB's keywords, read once from an in-memory DuckDB. */
    private static final class Keywords {
        static final Set<String> ALL = load();

        private static Set<String> load() {
            Set<String> keywords = new HashSet<>();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT keyword_name FROM duckdb_keywords()")) {
                while (rows.next()) {
                    keywords.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB's keyword list could not be read", e);
            }
            return Set.copyOf(keywords);
        }
    }
}
