package io.ringstream.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which operating-system user the PostgreSQL programs run as. initdb and postgres refuse to run as
 * root, and CI and our machines run as root: then they run as the {@code postgres} system user
 * (Debian's package creates it) and own the data directory; as any other user they run as that
 * user.
 *
 * <p>We switch with {@code setpriv} rather than {@code runuser}: setpriv execs the program in
 * place, so the process we start <em>is</em> postgres and our signals reach it directly, whereas
 * runuser stays in between as a parent that answers SIGTERM by killing its child after two seconds.
 *
 * @param name the user to switch to, or empty to run the programs as ourselves
 */
record ServerUser(Optional<String> name) {
    /** The system user Debian's postgresql package creates. */
    static final String POSTGRES = "postgres";

    /** We run as a normal user: the programs run as us. */
    static final ServerUser CURRENT = new ServerUser(Optional.empty());

    /** We are root: the programs run as {@code postgres}. */
    static ServerUser of(String user) {
        return new ServerUser(Optional.of(user));
    }

    /** The user for this JVM: {@code postgres} when we are root, else ourselves. */
    static ServerUser forThisProcess() {
        return isRoot() ? of(POSTGRES) : CURRENT;
    }

    boolean switches() {
        return name.isPresent();
    }

    /** The command line that runs {@code command} as this user. */
    List<String> command(List<String> command) {
        if (name.isEmpty()) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add("setpriv");
        wrapped.add("--reuid=" + name.get());
        wrapped.add("--regid=" + name.get());
        wrapped.add("--init-groups");
        wrapped.add("--");
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    /** Gives {@code path} to this user (and its primary group of the same name), if we switch. */
    void own(Path path) {
        if (name.isEmpty()) {
            return;
        }
        UserPrincipalLookupService lookup =
                FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            UserPrincipal user = lookup.lookupPrincipalByName(name.get());
            PosixFileAttributeView view =
                    Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            try {
                GroupPrincipal group = lookup.lookupPrincipalByGroupName(name.get());
                view.setGroup(group);
            } catch (UserPrincipalNotFoundException noSuchGroup) {
                // The owner is what PostgreSQL checks; the group is cosmetic.
            }
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException(
                    "we run as root, so PostgreSQL must run as the '"
                            + name.get()
                            + "' system user, which does not exist. "
                            + PostgresBinaries.INSTALL_HINT,
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to " + name.get(), e);
        }
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the process's effective user.
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
