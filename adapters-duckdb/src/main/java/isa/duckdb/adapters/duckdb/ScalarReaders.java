package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Readers of DuckDB's scalar types other than dates and times: BOOLEAN, the integers (unsigned and
 * 128-bit ones included), FLOAT/DOUBLE, DECIMAL, VARCHAR/JSON, BLOB, BIT, BIGNUM and UUID.
 */
final class ScalarReaders {
    private ScalarReaders() {
    }

    static VectorReader bool(BitVector vector) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeBool(vector.get(row) != 0);
            }

            @Override
            String textValue(int row) {
                return vector.get(row) != 0 ? "true" : "false";
            }
        };
    }

    /** BOOLEAN as {@code arrow.bool8}: one byte per value, 0 for false. */
    static VectorReader bool8(BaseFixedWidthVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeBool(data.getByte(row) != 0);
            }

            @Override
            String textValue(int row) {
                return data.getByte(row) != 0 ? "true" : "false";
            }
        };
    }

    /** A column of DuckDB's NULL type: every cell is null. */
    static VectorReader alwaysNull(org.apache.arrow.vector.ValueVector vector) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeNull();
            }

            @Override
            String textValue(int row) {
                return "NULL";
            }
        };
    }

    /**
     * A signed or unsigned integer of up to 8 bytes, read from the data buffer.
     * @param width bytes per value (1, 2, 4 or 8)
     */
    static VectorReader integer(BaseFixedWidthVector vector, int width, boolean signed) {
        ArrowBuf data = vector.getDataBuffer();
        return new VectorReader(vector) {
            long raw(int row) {
                long index = (long) row * width;
                switch (width) {
                    case 1: return signed ? data.getByte(index) : data.getByte(index) & 0xFFL;
                    case 2: return signed ? data.getShort(index) : data.getShort(index) & 0xFFFFL;
                    case 4: return signed ? data.getInt(index) : data.getInt(index) & 0xFFFF_FFFFL;
                    default: return data.getLong(index);
                }
            }

            @Override
            void writeValue(int row, CellWriter out) {
                long value = raw(row);
                if (!signed && width == 8 && value < 0) {
                    out.writeText(Long.toUnsignedString(value));
                } else {
                    out.writeLong(value);
                }
            }

            @Override
            Value nestedValue(int row) {
                long value = raw(row);
                return !signed && width == 8 && value < 0 ? new Value.Text(Long.toUnsignedString(value)) : new Value.Int(value);
            }

            @Override
            String textValue(int row) {
                long value = raw(row);
                return !signed && width == 8 ? Long.toUnsignedString(value) : Long.toString(value);
            }
        };
    }

    /** HUGEINT/UHUGEINT as DuckDB's lossless Arrow export gives them: 16 bytes, low half first. */
    static VectorReader hugeInteger(FixedSizeBinaryVector vector, boolean signed) {
        ArrowBuf data = vector.getDataBuffer();
        return new VectorReader(vector) {
            boolean fitsLong(long low, long high) {
                return signed ? high == low >> 63 : high == 0 && low >= 0;
            }

            String digits(long low, long high) {
                BigInteger value = BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
                if (!signed && high < 0) {
                    value = value.add(BigInteger.ONE.shiftLeft(128));
                }
                return value.toString();
            }

            @Override
            void writeValue(int row, CellWriter out) {
                long low = data.getLong(row * 16L);
                long high = data.getLong(row * 16L + 8);
                if (fitsLong(low, high)) {
                    out.writeLong(low);
                } else {
                    out.writeText(digits(low, high));
                }
            }

            @Override
            Value nestedValue(int row) {
                long low = data.getLong(row * 16L);
                long high = data.getLong(row * 16L + 8);
                return fitsLong(low, high) ? new Value.Int(low) : new Value.Text(digits(low, high));
            }

            @Override
            String textValue(int row) {
                long low = data.getLong(row * 16L);
                long high = data.getLong(row * 16L + 8);
                return fitsLong(low, high) ? Long.toString(low) : digits(low, high);
            }
        };
    }

    static VectorReader float4(Float4Vector vector) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeDouble(vector.get(row));
            }

            @Override
            String textValue(int row) {
                return DuckDbText.floating(vector.get(row), Float.toString(vector.get(row)));
            }
        };
    }

    static VectorReader float8(Float8Vector vector) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeDouble(vector.get(row));
            }

            @Override
            String textValue(int row) {
                return DuckDbText.floating(vector.get(row), Double.toString(vector.get(row)));
            }
        };
    }

    /** DECIMAL: 16-byte two's complement unscaled values; up to 18 digits they fit the low 8 bytes. */
    static VectorReader decimal(DecimalVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        int scale = vector.getScale();
        boolean small = vector.getPrecision() <= 18;
        boolean widthIsScale = vector.getPrecision() == scale;
        return VectorReader.textual(vector, row -> {
            if (small) {
                return DuckDbText.decimal(data.getLong(row * 16L), scale, widthIsScale);
            }
            String text = vector.getObjectNotNull(row).toPlainString();
            return widthIsScale ? text.replaceFirst("^(-?)0\\.", "$1.") : text;
        });
    }

    /** VARCHAR and JSON: UTF-8 bytes handed on without decoding at the top level. */
    static VectorReader utf8(BaseVariableWidthVector vector) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                int start = vector.getStartOffset(row);
                int length = vector.getValueLength(row);
                out.writeUtf8(vector.getDataBuffer().nioBuffer(start, length));
            }

            @Override
            String textValue(int row) {
                return new String(vector.get(row), StandardCharsets.UTF_8);
            }
        };
    }

    static VectorReader blob(BaseVariableWidthVector vector) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                int start = vector.getStartOffset(row);
                int length = vector.getValueLength(row);
                out.writeBytes(vector.getDataBuffer().nioBuffer(start, length));
            }

            @Override
            Value nestedValue(int row) {
                return new Value.Bytes(vector.get(row));
            }

            @Override
            String textValue(int row) {
                return DuckDbText.blob(vector.get(row));
            }
        };
    }

    /** BIT, BIGNUM or GEOMETRY (by their lower-case name), whose wire form is DuckDB's text. */
    static VectorReader textOfStorage(BaseVariableWidthVector vector, String type) {
        return VectorReader.textual(vector, row -> {
            byte[] stored = vector.get(row);
            switch (type) {
                case "bignum":
                    return DuckDbText.bignum(stored);
                case "geometry":
                    return WellKnownText.of(stored);
                default:
                    return DuckDbText.bit(stored);
            }
        });
    }

    /** UUID as 16 big-endian bytes. */
    static VectorReader uuid(FixedSizeBinaryVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return VectorReader.textual(vector, row -> new UUID(Long.reverseBytes(data.getLong(row * 16L)),
                Long.reverseBytes(data.getLong(row * 16L + 8))).toString());
    }

}
