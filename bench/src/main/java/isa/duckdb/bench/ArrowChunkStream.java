package isa.duckdb.bench;

import com.google.protobuf.ByteString;
import isa.duckdb.api.ArrowResultChunk;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * The {@code arrow_ipc} bytes of an ExecuteQueryArrow call's chunks, concatenated, as one
 * {@link InputStream} read as the chunks arrive (never all in memory). A chunk with
 * {@code success=false} ends the stream with an {@link IOException} carrying its error text.
 */
final class ArrowChunkStream extends InputStream {
    private final Iterator<ArrowResultChunk> chunks;
    private InputStream current = InputStream.nullInputStream();
    private long bytesRead;

    ArrowChunkStream(Iterator<ArrowResultChunk> chunks) {
        this.chunks = chunks;
    }

    /** Arrow IPC bytes received so far. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int n = current.read(buffer, offset, length);
            if (n > 0) {
                bytesRead += n;
                return n;
            }
            if (!chunks.hasNext()) {
                return -1;
            }
            ArrowResultChunk chunk = chunks.next();
            if (!chunk.getSuccess()) {
                throw new IOException("ExecuteQueryArrow failed: " + chunk.getError());
            }
            ByteString bytes = chunk.getArrowIpc();
            current = bytes.newInput();
        }
    }
}
