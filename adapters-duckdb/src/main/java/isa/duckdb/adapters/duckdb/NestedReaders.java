package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.UnionVector;

/**
 * Readers of LIST, ARRAY, STRUCT, MAP, UNION and ENUM. Nested values become a tree of values: a
 * STRUCT keeps DuckDB's field names, a MAP is keyed by each key's text (a VARCHAR key as it is,
 * other keys as DuckDB prints them, wire-contract.md "Values at the edges"), a UNION is the value of
 * its member in use. ENUM values are the exact UTF-8 of their labels.
 */
final class NestedReaders {

    private NestedReaders() {
    }

    static VectorReader list(ListVector vector, VectorReader items) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeNested(nestedValue(row));
            }

            @Override
            Value nestedValue(int row) {
                int start = vector.getElementStartIndex(row);
                int end = vector.getElementEndIndex(row);
                List<Value> values = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    values.add(items.nested(i));
                }
                return new Value.ListOf(values);
            }

            @Override
            String textValue(int row) {
                return listText(items, vector.getElementStartIndex(row), vector.getElementEndIndex(row));
            }
        };
    }

    static VectorReader array(FixedSizeListVector vector, VectorReader items) {
        int size = vector.getListSize();
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeNested(nestedValue(row));
            }

            @Override
            Value nestedValue(int row) {
                List<Value> values = new ArrayList<>(size);
                for (int i = row * size; i < (row + 1) * size; i++) {
                    values.add(items.nested(i));
                }
                return new Value.ListOf(values);
            }

            @Override
            String textValue(int row) {
                return listText(items, row * size, (row + 1) * size);
            }
        };
    }

    /** @param fields the field readers in DuckDB's order, keyed by name */
    static VectorReader struct(StructVector vector, Map<String, VectorReader> fields) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeNested(nestedValue(row));
            }

            @Override
            Value nestedValue(int row) {
                Map<String, Value> values = new LinkedHashMap<>();
                fields.forEach((name, reader) -> values.put(name, reader.nested(row)));
                return new Value.Struct(values);
            }

            @Override
            String textValue(int row) {
                StringBuilder text = new StringBuilder("{");
                fields.forEach((name, reader) -> {
                    if (text.length() > 1) {
                        text.append(", ");
                    }
                    text.append('\'').append(name).append("': ").append(reader.text(row));
                });
                return text.append('}').toString();
            }
        };
    }

    /** @param keys readers of the entries' keys and values, indexed like the entries */
    static VectorReader map(MapVector vector, VectorReader keys, VectorReader values) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeNested(nestedValue(row));
            }

            @Override
            Value nestedValue(int row) {
                Map<String, Value> entries = new LinkedHashMap<>();
                for (int i = vector.getElementStartIndex(row); i < vector.getElementEndIndex(row); i++) {
                    entries.put(keys.text(i), values.nested(i));
                }
                return new Value.Struct(entries);
            }

            @Override
            String textValue(int row) {
                StringBuilder text = new StringBuilder("{");
                for (int i = vector.getElementStartIndex(row); i < vector.getElementEndIndex(row); i++) {
                    if (text.length() > 1) {
                        text.append(", ");
                    }
                    text.append(keys.text(i)).append('=').append(values.text(i));
                }
                return text.append('}').toString();
            }
        };
    }

    /**
     * A sparse UNION: each row's type byte is the position of the member it uses (DuckDB exports
     * type ids 0..n-1; Arrow Java renumbers the field's ids, not the bytes), and every member is as
     * long as the union.
     */
    static VectorReader union(UnionVector vector, List<VectorReader> members) {
        return new VectorReader(vector) {
            VectorReader member(int row) {
                return members.get(vector.getTypeBuffer().getByte(row));
            }

            @Override
            void writeValue(int row, CellWriter out) {
                member(row).write(row, out);
            }

            @Override
            Value nestedValue(int row) {
                return member(row).nested(row);
            }

            @Override
            String textValue(int row) {
                return member(row).text(row);
            }
        };
    }

    /** ENUM: indices into a dictionary of labels. */
    static VectorReader enumeration(ValueVector vector, VarCharVector labels) {
        BaseIntVector indices = (BaseIntVector) vector;
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                int index = (int) indices.getValueAsLong(row);
                out.writeUtf8(labels.getDataBuffer().nioBuffer(labels.getStartOffset(index), labels.getValueLength(index)));
            }

            @Override
            Value nestedValue(int row) {
                return new Value.Text(textValue(row));
            }

            @Override
            String textValue(int row) {
                return new String(labels.get((int) indices.getValueAsLong(row)), StandardCharsets.UTF_8);
            }
        };
    }

    private static String listText(VectorReader items, int start, int end) {
        StringBuilder text = new StringBuilder("[");
        for (int i = start; i < end; i++) {
            if (i > start) {
                text.append(", ");
            }
            text.append(items.text(i));
        }
        return text.append(']').toString();
    }
}
