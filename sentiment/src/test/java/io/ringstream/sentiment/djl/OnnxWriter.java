package io.ringstream.sentiment.djl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes ONNX protobuf messages field by field, so tests can build a real model file without a
 * Python toolchain or the ONNX schema classes. Only the wire types ONNX graphs need are covered.
 */
final class OnnxWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    OnnxWriter varint(int field, long value) {
        tag(field, 0);
        rawVarint(value);
        return this;
    }

    OnnxWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    OnnxWriter bytes(int field, byte[] value) {
        tag(field, 2);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    OnnxWriter message(int field, OnnxWriter message) {
        return bytes(field, message.toBytes());
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    // ---- ONNX messages (field numbers from onnx.proto) ----

    static final int FLOAT = 1;
    static final int INT64 = 7;

    static OnnxWriter node(String opType, String[] inputs, String[] outputs, OnnxWriter... attrs) {
        OnnxWriter n = new OnnxWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, opType.toLowerCase() + "_" + outputs[0]);
        n.string(4, opType);
        for (OnnxWriter a : attrs) {
            n.message(5, a);
        }
        return n;
    }

    static OnnxWriter intAttribute(String name, long value) {
        return new OnnxWriter().string(1, name).varint(20, 2).varint(3, value);
    }

    static OnnxWriter floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, dims, FLOAT, b.array());
    }

    static OnnxWriter longTensor(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return tensor(name, dims, INT64, b.array());
    }

    private static OnnxWriter tensor(String name, long[] dims, int type, byte[] raw) {
        OnnxWriter t = new OnnxWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    /** A tensor value info; a dimension is a name (symbolic) or a Long (fixed). */
    static OnnxWriter valueInfo(String name, int elemType, Object... dims) {
        OnnxWriter shape = new OnnxWriter();
        for (Object d : dims) {
            OnnxWriter dim = new OnnxWriter();
            if (d instanceof Long fixed) {
                dim.varint(1, fixed);
            } else {
                dim.string(2, d.toString());
            }
            shape.message(1, dim);
        }
        OnnxWriter tensorType = new OnnxWriter().varint(1, elemType).message(2, shape);
        OnnxWriter type = new OnnxWriter().message(1, tensorType);
        return new OnnxWriter().string(1, name).message(2, type);
    }
}
