package io.ringstream.flink.routing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoints {@link TenantRouting} with Java serialization, which the routing engine's state is
 * designed for (Kryo would break on its records and ordered maps).
 *
 * <p>With the heap state backend the value lives as an object and is serialized only when a
 * checkpoint is taken; {@link #copy} (a deep copy) runs only when a value is modified while an
 * asynchronous snapshot still holds it.
 */
public final class TenantRoutingSerializer extends TypeSerializerSingleton<TenantRouting> {
    private static final long serialVersionUID = 1L;

    public static final TenantRoutingSerializer INSTANCE = new TenantRoutingSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TenantRouting createInstance() {
        return new TenantRouting(1);
    }

    @Override
    public TenantRouting copy(TenantRouting from) {
        return fromBytes(toBytes(from));
    }

    @Override
    public TenantRouting copy(TenantRouting from, TenantRouting reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(TenantRouting record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public TenantRouting deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public TenantRouting deserialize(TenantRouting reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<TenantRouting> snapshotConfiguration() {
        return new Snapshot();
    }

    static byte[] toBytes(TenantRouting value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TenantRouting fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ClassLoaderObjectInputStream(bytes)) {
            return (TenantRouting) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("routing state from an incompatible version", e);
        }
    }

    /**
     * Resolves classes with the loader that loaded the job's classes, so a user-code class loader
     * (a job jar on a Flink cluster) finds the engine's types.
     */
    private static final class ClassLoaderObjectInputStream extends ObjectInputStream {
        ClassLoaderObjectInputStream(byte[] bytes) throws IOException {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc)
                throws IOException, ClassNotFoundException {
            try {
                return Class.forName(
                        desc.getName(), false, TenantRoutingSerializer.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

    /** Restores this serializer; it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TenantRouting> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
