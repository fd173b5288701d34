package isa.duckdb.adapters.duckdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.DictionaryUtility;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a DuckDB result's Arrow batches as an Arrow IPC stream, the messages exactly as Arrow's
 * "IPC Streaming Format" lays them out: schema, then each dictionary once (an ENUM's labels, the
 * same in every batch DuckDB exports) before the first record batch, then record batches. A slice
 * of a batch is copied out first; a whole batch is written from DuckDB's buffers as they are.
 */
final class ArrowIpc {
    private static final BufferAllocator EMPTY = new RootAllocator(0);
    private final Supplier<ArrowReader> reader;
    private boolean dictionariesWritten;

    ArrowIpc(Supplier<ArrowReader> reader) {
        this.reader = reader;
    }

    /**
     * Writes the schema message. In memory a dictionary-encoded field has its index type; in the
     * IPC message it has the dictionary's value type (an ENUM's labels are VARCHAR), also when an
     * empty result brought no dictionary along.
     */
    void writeSchema(Schema schema, OutputStream out) throws IOException {
        ArrowReader arrow = reader.get();
        DictionaryProvider labels = new DictionaryProvider() {
            @Override
            public Dictionary lookup(long id) {
                Dictionary found = arrow.lookup(id);
                return found != null ? found
                        : new Dictionary(new VarCharVector("labels", EMPTY), new DictionaryEncoding(id, false, null));
            }

            @Override
            public Set<Long> getDictionaryIds() {
                return arrow.getDictionaryIds();
            }
        };
        List<Field> fields = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        for (Field field : schema.getFields()) {
            fields.add(DictionaryUtility.toMessageFormat(field, labels, used));
        }
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), new Schema(fields, schema.getCustomMetadata()),
                IpcOption.DEFAULT);
    }

    /** Rows {@code from} to {@code from + count} of the reader's current batch. */
    void writeBatch(int from, int count, OutputStream out) throws IOException {
        WriteChannel channel = new WriteChannel(Channels.newChannel(out));
        ArrowReader arrow = reader.get();
        if (!dictionariesWritten) {
            for (Dictionary dictionary : arrow.getDictionaryVectors().values()) {
                VectorSchemaRoot labels = VectorSchemaRoot.of(dictionary.getVector());
                try (ArrowRecordBatch batch = new VectorUnloader(labels).getRecordBatch();
                        ArrowDictionaryBatch message = new ArrowDictionaryBatch(dictionary.getEncoding().getId(), batch, false)) {
                    MessageSerializer.serialize(channel, message, IpcOption.DEFAULT);
                }
            }
            dictionariesWritten = true;
        }
        VectorSchemaRoot root = arrow.getVectorSchemaRoot();
        if (from == 0 && count == root.getRowCount()) {
            write(root, channel);
            return;
        }
        try (VectorSchemaRoot slice = root.slice(from, count)) {
            write(slice, channel);
        }
    }

    private static void write(VectorSchemaRoot root, WriteChannel channel) throws IOException {
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
            MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
        }
    }
}
