package io.ringstream.testkit;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Checks every job's tests make of the types a job ships between operators or keeps in state: they
 * must use Flink's POJO serializer (a Kryo fallback is slow, breaks on the events' immutable maps
 * and is fragile across versions of the state), and survive a round trip through it.
 *
 * <p>Flink is not a dependency of testkit's users unless they have it: the modules that call this
 * bring their own Flink.
 */
public final class FlinkTypes {
    private FlinkTypes() {}

    /**
     * @throws AssertionError unless {@code type} is a POJO whose serializer needs no Kryo
     */
    public static void assertPojoWithoutKryo(TypeInformation<?> type) {
        if (!(type instanceof PojoTypeInfo)) {
            throw new AssertionError(type + " is not a Flink POJO type");
        }
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        try {
            type.createSerializer(noKryo);
        } catch (UnsupportedOperationException e) {
            throw new AssertionError(type + " has a field that needs Kryo: " + e.getMessage(), e);
        }
    }

    /** {@code value} written and read back with the type's own serializer. */
    public static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        return roundTrip(type.createSerializer(new SerializerConfigImpl()), value);
    }

    /** {@code value} written and read back with {@code serializer}. */
    public static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
