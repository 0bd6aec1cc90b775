package io.ringstream.security.credentials;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ringstream.security.OwnerOnlyFiles;
import io.ringstream.security.endpoints.EndpointPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The users, machine clients and tenants routing-service authenticates, kept in one JSON file with
 * owner-only permissions (only hashes of passwords and secrets are stored). The file is re-read
 * when it changes on disk, so {@code ./ringstream user add} on the same machine takes effect
 * without a restart; a write replaces the file atomically, and when two processes write at once the
 * last one wins.
 */
public final class CredentialStore {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's content. */
    record Content(
            List<UserRecord> users,
            List<ClientRecord> clients,
            List<TenantRecord> tenants,
            List<AgentEndpoint> endpoints) {
        Content {
            users = users == null ? List.of() : List.copyOf(users);
            clients = clients == null ? List.of() : List.copyOf(clients);
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }

        Content withUsers(List<UserRecord> next) {
            return new Content(next, clients, tenants, endpoints);
        }

        Content withClients(List<ClientRecord> next) {
            return new Content(users, next, tenants, endpoints);
        }

        Content withTenants(List<TenantRecord> next) {
            return new Content(users, clients, next, endpoints);
        }

        Content withEndpoints(List<AgentEndpoint> next) {
            return new Content(users, clients, tenants, next);
        }
    }

    private final Path file;
    private Content content = new Content(List.of(), List.of(), List.of(), List.of());
    private FileTime loadedModified;
    private long loadedSize = -1;

    private CredentialStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The store in {@code file}; an absent file is an empty store, created at the first write. */
    public static CredentialStore open(Path file) {
        CredentialStore store = new CredentialStore(file);
        store.refresh();
        return store;
    }

    public Path file() {
        return file;
    }

    public synchronized boolean isEmpty() {
        refresh();
        return content.users().isEmpty() && content.clients().isEmpty();
    }

    public synchronized Optional<UserRecord> user(String tenant, String username) {
        refresh();
        return content.users().stream()
                .filter(u -> u.tenant().equals(tenant) && u.username().equals(username))
                .findFirst();
    }

    /** The users of {@code tenant}, or of every tenant when it is null, by tenant and name. */
    public synchronized List<UserRecord> users(String tenant) {
        refresh();
        return content.users().stream()
                .filter(u -> tenant == null || u.tenant().equals(tenant))
                .sorted(
                        Comparator.comparing(UserRecord::tenant)
                                .thenComparing(UserRecord::username))
                .toList();
    }

    /** Adds the user, or replaces the one with the same tenant and name. */
    public synchronized void putUser(UserRecord user) {
        refresh();
        List<UserRecord> users =
                without(
                        content.users(),
                        u ->
                                u.tenant().equals(user.tenant())
                                        && u.username().equals(user.username()));
        users.add(user);
        write(content.withUsers(users));
    }

    public synchronized boolean removeUser(String tenant, String username) {
        refresh();
        List<UserRecord> users =
                without(
                        content.users(),
                        u -> u.tenant().equals(tenant) && u.username().equals(username));
        if (users.size() == content.users().size()) {
            return false;
        }
        write(content.withUsers(users));
        return true;
    }

    public synchronized Optional<ClientRecord> client(String clientId) {
        refresh();
        return content.clients().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    /** The clients of {@code tenant}, or of every tenant when it is null, by id. */
    public synchronized List<ClientRecord> clients(String tenant) {
        refresh();
        return content.clients().stream()
                .filter(c -> tenant == null || c.tenant().equals(tenant))
                .sorted(Comparator.comparing(ClientRecord::clientId))
                .toList();
    }

    /** Adds the client, or replaces the one with the same id (ids are unique across tenants). */
    public synchronized void putClient(ClientRecord client) {
        refresh();
        List<ClientRecord> clients =
                without(content.clients(), c -> c.clientId().equals(client.clientId()));
        clients.add(client);
        write(content.withClients(clients));
    }

    public synchronized boolean removeClient(String clientId) {
        refresh();
        List<ClientRecord> clients = without(content.clients(), c -> c.clientId().equals(clientId));
        if (clients.size() == content.clients().size()) {
            return false;
        }
        write(content.withClients(clients));
        return true;
    }

    public synchronized List<TenantRecord> tenants() {
        refresh();
        return content.tenants().stream().sorted(Comparator.comparing(TenantRecord::name)).toList();
    }

    public synchronized void putTenant(TenantRecord tenant) {
        refresh();
        List<TenantRecord> tenants =
                without(content.tenants(), t -> t.name().equals(tenant.name()));
        tenants.add(tenant);
        write(content.withTenants(tenants));
    }

    /** The endpoint an admin or supervisor set for the agent, if any. */
    public synchronized Optional<String> endpoint(String tenant, String agentId) {
        refresh();
        return content.endpoints().stream()
                .filter(e -> e.tenant().equals(tenant) && e.agentId().equals(agentId))
                .map(AgentEndpoint::endpoint)
                .findFirst();
    }

    /** Sets the agent's endpoint; the caller has checked it against the tenant's policy. */
    public synchronized void putEndpoint(AgentEndpoint endpoint) {
        refresh();
        List<AgentEndpoint> endpoints =
                without(
                        content.endpoints(),
                        e ->
                                e.tenant().equals(endpoint.tenant())
                                        && e.agentId().equals(endpoint.agentId()));
        endpoints.add(endpoint);
        write(content.withEndpoints(endpoints));
    }

    /** The tenant's endpoint policy, or the default one when the tenant has none of its own. */
    public synchronized EndpointPolicy endpointPolicy(String tenant) {
        refresh();
        return content.tenants().stream()
                .filter(t -> t.name().equals(tenant))
                .map(TenantRecord::endpoints)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(EndpointPolicy.DEFAULT);
    }

    private static <T> List<T> without(List<T> items, Predicate<T> match) {
        List<T> kept = new ArrayList<>(items);
        kept.removeIf(match);
        return kept;
    }

    /** Re-reads the file when its time or size changed since the last read or write. */
    private void refresh() {
        try {
            if (!Files.exists(file)) {
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(loadedModified) && size == loadedSize) {
                return;
            }
            content = JSON.readValue(file.toFile(), Content.class);
            loadedModified = modified;
            loadedSize = size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential store " + file, e);
        }
    }

    private void write(Content next) {
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            OwnerOnlyFiles.create(temp, JSON.writeValueAsString(next));
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            content = next;
            loadedModified = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credential store " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The move took it, or the write never created it.
            }
        }
    }
}
