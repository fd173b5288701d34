package isa.duckdb.adapters.grpc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array written in the protocol buffers wire format (protobuf.dev/programming-guides/encoding):
 * tags, base-128 varints, little-endian 64-bit values and length-delimited bytes. Not thread-safe.
 */
final class WireBuffer {
    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;

    private byte[] bytes;
    private int length;

    WireBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes written so far. */
    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** A field's key: {@code (field << 3) | wireType}, as a varint. */
    void tag(int field, int wireType) {
        varint((field << 3) | wireType);
    }

    /** An unsigned base-128 varint; a negative {@code int64} takes ten bytes, as protobuf writes it. */
    void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
    }

    /** Eight bytes, little-endian (fixed64, double). */
    void fixed64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
    }

    void raw(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** The buffer's bytes from its position to its limit; the position is left unchanged. */
    void raw(ByteBuffer source) {
        int count = source.remaining();
        ensure(count);
        source.get(source.position(), bytes, length, count);
        length += count;
    }

    /** A length-delimited field: tag, length, the bytes. */
    void lengthDelimited(int field, byte[] source, int offset, int count) {
        tag(field, LEN);
        varint(count);
        raw(source, offset, count);
    }

    /** Appends everything written to {@code other} as one length-delimited field. */
    void lengthDelimited(int field, WireBuffer other) {
        lengthDelimited(field, other.bytes, 0, other.length);
    }

    /** Bytes a varint of {@code value} takes (1–10). */
    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            size++;
            value >>>= 7;
        }
        return size;
    }

    byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
