package io.ringstream.flink.archive;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.flink.kit.clickhouse.ClickHouseLogin;
import io.ringstream.flink.kit.runtime.JobConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes an erased customer's personal data from ClickHouse: on an ERASED change it deletes the
 * customer's older versions from {@code customers} and {@code customer_changes} with mutations
 * ({@code ALTER TABLE ... DELETE WHERE}, which ClickHouse 18.16 runs too), leaving the anonymised
 * ERASED rows the table sinks write.
 *
 * <p><b>Why a committer.</b> A mutation only touches rows already stored when it is issued. The
 * table sinks buffer rows and store them at the latest before a checkpoint barrier passes, so the
 * writer only notes each erasure, and the committer issues its mutations after the checkpoint that
 * covers the ERASED change completed: by then every older change of that customer (earlier on the
 * same partition, so before the barrier) is stored, and the mutation sees it. A replay (a restore
 * from an earlier checkpoint) writes older changes again but also the ERASED change after them
 * (Kafka keeps a key's records in order and the ERASED one outlives the older ones), so the erasure
 * is committed again after them. Flink keeps committables that failed or were not yet committed in
 * its state and retries them; the mutations are idempotent.
 *
 * <p>Mutations run asynchronously in ClickHouse: rows disappear once the mutation has rewritten
 * their parts (seconds for a small table; {@code system.mutations} shows progress).
 */
public final class CustomerErasures
        implements Sink<CustomerChange>, SupportsCommitter<CustomerErasures.Erasure> {
    private static final long serialVersionUID = 1L;

    private final String jdbcUrl;
    private final ClickHouseLogin login;

    public CustomerErasures(String jdbcUrl, ClickHouseLogin login) {
        ClickHouseJdbc.requireNoPasswordIn(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        this.login = login;
    }

    /** On a job's ClickHouse, as its table sinks. */
    public static CustomerErasures of(JobConfig<?> job) {
        return new CustomerErasures(job.clickHouseUrl(), job.clickHouseLogin());
    }

    /** A customer whose versions before {@code version} (the ERASED change's) must go. */
    public record Erasure(String tenant, String customerId, long version) {}

    @Override
    public SinkWriter<CustomerChange> createWriter(WriterInitContext context) {
        return new ErasureWriter();
    }

    @Override
    public Committer<Erasure> createCommitter(CommitterInitContext context) {
        return new ErasureCommitter(jdbcUrl, login);
    }

    @Override
    public SimpleVersionedSerializer<Erasure> getCommittableSerializer() {
        return new ErasureSerializer();
    }

    /** The mutations that remove an erased customer's older rows from one table. */
    static String mutation(Table table) {
        return "ALTER TABLE "
                + table.qualifiedName()
                + " DELETE WHERE tenant = ? AND customer_id = ? AND version < ?";
    }

    /** Notes the ERASED changes of the checkpoint in progress; writes nothing itself. */
    private static final class ErasureWriter
            implements CommittingSinkWriter<CustomerChange, Erasure> {
        // Erasures seen since the last barrier; handed to the committer at the next one.
        private final List<Erasure> pending = new ArrayList<>();

        @Override
        public void write(CustomerChange change, Context context) {
            if (change.type() == CustomerChangeType.ERASED) {
                pending.add(new Erasure(change.tenant(), change.customerId(), change.version()));
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<Erasure> prepareCommit() {
            List<Erasure> ready = List.copyOf(pending);
            pending.clear();
            return ready;
        }

        @Override
        public void close() {}
    }

    /** Issues the mutations once the checkpoint that saw the erasure has completed. */
    private static final class ErasureCommitter implements Committer<Erasure> {
        private static final Logger LOG = LoggerFactory.getLogger(ErasureCommitter.class);
        private static final int MAX_RETRIES = 10;

        private final String jdbcUrl;
        private final ClickHouseLogin login;
        private ClickHouseJdbc jdbc;

        ErasureCommitter(String jdbcUrl, ClickHouseLogin login) {
            this.jdbcUrl = jdbcUrl;
            this.login = login;
        }

        @Override
        public void commit(Collection<CommitRequest<Erasure>> requests) {
            for (CommitRequest<Erasure> request : requests) {
                Erasure erasure = request.getCommittable();
                try {
                    erase(erasure);
                    LOG.info(
                            "Erased customer {} of tenant {} before version {} in ClickHouse",
                            erasure.customerId(),
                            erasure.tenant(),
                            erasure.version());
                } catch (SQLException | RuntimeException e) {
                    if (request.getNumberOfRetries() >= MAX_RETRIES) {
                        // The job fails and restarts: the erasure is replayed, never dropped.
                        request.signalFailedWithUnknownReason(e);
                    } else {
                        LOG.warn("Erasure of {} failed, retrying: {}", erasure, e.toString());
                        request.retryLater();
                    }
                }
            }
        }

        private void erase(Erasure erasure) throws SQLException {
            if (jdbc == null) {
                // Read here, on the task manager: the password never rides in the job.
                jdbc = ClickHouseJdbc.connect(jdbcUrl, login.credentials());
            }
            try (Connection connection = jdbc.connection()) {
                for (Table table : List.of(Table.CUSTOMER_CHANGES, Table.CUSTOMERS)) {
                    try (PreparedStatement delete = connection.prepareStatement(mutation(table))) {
                        delete.setString(1, erasure.tenant());
                        delete.setString(2, erasure.customerId());
                        delete.setLong(3, erasure.version());
                        delete.execute();
                    }
                }
            }
        }

        @Override
        public void close() {}
    }

    /** Committables live in Flink's state between the barrier and the commit. */
    static final class ErasureSerializer implements SimpleVersionedSerializer<Erasure> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Erasure erasure) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(erasure.tenant());
                out.writeUTF(erasure.customerId());
                out.writeLong(erasure.version());
            }
            return bytes.toByteArray();
        }

        @Override
        public Erasure deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown erasure format " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new Erasure(in.readUTF(), in.readUTF(), in.readLong());
            }
        }
    }
}
