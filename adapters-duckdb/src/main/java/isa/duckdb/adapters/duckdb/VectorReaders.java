package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.UnionVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Picks the reader for a vector of DuckDB's Arrow export, with {@code arrow_lossless_conversion}
 * on: BOOLEAN arrives as {@code arrow.bool8} (a byte per value); HUGEINT, UHUGEINT, TIME WITH TIME ZONE, BIT and BIGNUM then arrive as
 * {@code arrow.opaque} extension types naming DuckDB's type, UUID as {@code arrow.uuid}, JSON as
 * {@code arrow.json}, GEOMETRY as {@code geoarrow.wkb} (DuckDB docs, "Arrow Export", setting {@code arrow_lossless_conversion}).
 */
final class VectorReaders {

    private VectorReaders() {
    }

    static VectorReader forVector(FieldVector vector, DictionaryProvider dictionaries) {
        Field field = vector.getField();
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Dictionary dictionary = dictionaries.lookup(encoding.getId());
            return NestedReaders.enumeration(vector, (VarCharVector) dictionary.getVector());
        }
        String extension = ArrowTypes.duckDbExtension(field);
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Null:
                return ScalarReaders.alwaysNull(vector);
            case Bool:
                return ScalarReaders.bool((BitVector) vector);
            case Int:
                if ("boolean".equals(extension)) {
                    return ScalarReaders.bool8((BaseFixedWidthVector) vector);
                }
                ArrowType.Int integer = (ArrowType.Int) type;
                return ScalarReaders.integer((BaseFixedWidthVector) vector, integer.getBitWidth() / 8, integer.getIsSigned());
            case FloatingPoint:
                return vector instanceof Float4Vector f4 ? ScalarReaders.float4(f4) : ScalarReaders.float8((Float8Vector) vector);
            case Decimal:
                return ScalarReaders.decimal((DecimalVector) vector);
            case Utf8:
                return ScalarReaders.utf8((BaseVariableWidthVector) vector);
            case Binary:
                if ("bit".equals(extension) || "bignum".equals(extension) || "geometry".equals(extension)) {
                    return ScalarReaders.textOfStorage((BaseVariableWidthVector) vector, extension);
                }
                return ScalarReaders.blob((BaseVariableWidthVector) vector);
            case FixedSizeBinary:
                return fixedSizeBinary((FixedSizeBinaryVector) vector, extension);
            case Date:
                return TemporalReaders.date((DateDayVector) vector);
            case Time:
                return vector instanceof TimeNanoVector nanos ? TemporalReaders.timeNanos(nanos)
                        : TemporalReaders.timeMicros((TimeMicroVector) vector);
            case Timestamp:
                ArrowType.Timestamp timestamp = (ArrowType.Timestamp) type;
                return TemporalReaders.timestamp((TimeStampVector) vector, unit(timestamp.getUnit()),
                        timestamp.getTimezone() != null);
            case Interval:
                return TemporalReaders.interval((IntervalMonthDayNanoVector) vector);
            case List:
                ListVector list = (ListVector) vector;
                return NestedReaders.list(list, forVector(list.getDataVector(), dictionaries));
            case FixedSizeList:
                FixedSizeListVector array = (FixedSizeListVector) vector;
                return NestedReaders.array(array, forVector(array.getDataVector(), dictionaries));
            case Struct:
                StructVector struct = (StructVector) vector;
                Map<String, VectorReader> fields = new LinkedHashMap<>();
                for (FieldVector child : struct.getChildrenFromFields()) {
                    fields.put(child.getField().getName(), forVector(child, dictionaries));
                }
                return NestedReaders.struct(struct, fields);
            case Map:
                MapVector map = (MapVector) vector;
                List<FieldVector> entry = ((StructVector) map.getDataVector()).getChildrenFromFields();
                return NestedReaders.map(map, forVector(entry.get(0), dictionaries), forVector(entry.get(1), dictionaries));
            case Union:
                UnionVector union = (UnionVector) vector;
                List<VectorReader> members = new ArrayList<>();
                for (FieldVector member : union.getChildrenFromFields()) {
                    members.add(forVector(member, dictionaries));
                }
                return NestedReaders.union(union, members);
            default:
                throw unsupported(field);
        }
    }

    private static VectorReader fixedSizeBinary(FixedSizeBinaryVector vector, String extension) {
        if (extension == null) {
            throw unsupported(vector.getField());
        }
        switch (extension) {
            case "uuid":
                return ScalarReaders.uuid(vector);
            case "hugeint":
                return ScalarReaders.hugeInteger(vector, true);
            case "uhugeint":
                return ScalarReaders.hugeInteger(vector, false);
            case "time_tz":
                return TemporalReaders.timeTz(vector);
            default:
                throw unsupported(vector.getField());
        }
    }

    private static TimeUnit unit(org.apache.arrow.vector.types.TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return TimeUnit.SECONDS;
            case MILLISECOND:
                return TimeUnit.MILLISECONDS;
            case NANOSECOND:
                return TimeUnit.NANOSECONDS;
            default:
                return TimeUnit.MICROSECONDS;
        }
    }

    private static ServiceException unsupported(Field field) {
        return new ServiceException(ErrorKind.INTERNAL, "the result has a column of a type the service cannot send yet ("
                + ArrowTypes.duckDbType(field, null) + ")");
    }
}
