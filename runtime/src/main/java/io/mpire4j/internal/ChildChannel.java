package io.mpire4j.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Unix-domain socket that the child JVMs of one generation connect to: bound in a private
 * ({@code rwx------}) temporary directory, deleted by {@link #close()} when the generation stops.
 *
 * <p>Each child is launched with a fresh token ({@link #newToken()}) and sends it, with its worker
 * id, right after connecting. Slot threads wait for their own child in {@link #await}: whichever of
 * them is free accepts the next connection (one at a time, in rounds of at most 50 ms) and hands it
 * to its owner, so children started in parallel connect in any order. Thread-safe; the fields
 * below the lock are guarded by it.
 */
final class ChildChannel implements AutoCloseable {
    private static final long ROUND_MILLIS = 50;

    private final Path dir;
    private final Path path;
    private final ServerSocketChannel server;
    private final Selector selector;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> expected = new HashSet<>();
    private final Map<Long, SocketChannel> arrived = new HashMap<>();
    private boolean accepting;
    private boolean closed;

    private ChildChannel(Path dir, Path path, ServerSocketChannel server, Selector selector) {
        this.dir = dir;
        this.path = path;
        this.server = server;
        this.selector = selector;
    }

    /** Binds a fresh socket. */
    static ChildChannel open() throws IOException {
        String prefix = PREFIX + ProcessHandle.current().pid() + "-";
        sweepOrphans();
        Path dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(prefix);
        Path path = dir.resolve(SOCKET);
        ServerSocketChannel server = null;
        Selector selector = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new ChildChannel(dir, path, server, selector);
        } catch (IOException | RuntimeException e) {
            closeQuietly(selector);
            closeQuietly(server);
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    /** Socket directories are named {@code mpire4j-<owner pid>-<random>} in the temp directory. */
    static final String PREFIX = "mpire4j-";

    /**
     * Deletes socket directories left by parents that were killed before they could clean up
     * (their pid is no longer alive). Best effort: anything it cannot read or delete is left.
     */
    static void sweepOrphans() {
        sweepOrphans(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Sweeps {@code tmp}: removes a directory only if it has the layout {@link #open} makes
     * ({@code mpire4j-<pid>-<digits>}, a real directory, not a symbolic link, owned by this user,
     * holding nothing but the socket {@code s}) and its pid is dead. Never follows a symbolic link:
     * where the platform allows, entries are examined and removed relative to the open directory,
     * so a directory swapped for a link meanwhile is not followed either.
     */
    static void sweepOrphans(Path tmp) {
        UserPrincipal me;
        try {
            me = tmp.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | RuntimeException unknown) {
            return; // without knowing who we are, nothing is ours to delete
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (isOrphan(dir.getFileName().toString())) {
                    removeOrphan(dirs, dir, me);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // nothing to sweep
        }
    }

    /** Whether {@code name} is {@code mpire4j-<pid>-<digits>} with a pid that is not this one and not alive. */
    static boolean isOrphan(String name) {
        String[] parts = name.split("-", -1);
        if (parts.length != 3 || !allDigits(parts[1]) || !allDigits(parts[2]) || parts[1].length() > 18) {
            return false;
        }
        long owner = Long.parseLong(parts[1]);
        return owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).isEmpty();
    }

    private static boolean allDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void removeOrphan(DirectoryStream<Path> parent, Path dir, UserPrincipal me) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || attributes.isSymbolicLink() || !me.equals(attributes.owner())) {
                return;
            }
            Path name = dir.getFileName();
            if (parent instanceof SecureDirectoryStream<Path> secure) {
                try (SecureDirectoryStream<Path> inside = secure.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    PosixFileAttributes again = inside.getFileAttributeView(PosixFileAttributeView.class)
                            .readAttributes();
                    if (!me.equals(again.owner()) || !onlyTheSocket(inside, inside.getFileAttributeView(
                            SOCKET, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS))) {
                        return;
                    }
                    inside.deleteFile(SOCKET);
                }
                secure.deleteDirectory(name);
            } else {
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(dir)) {
                    if (!onlyTheSocket(inside, Files.getFileAttributeView(dir.resolve(SOCKET),
                            PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS))) {
                        return;
                    }
                }
                Files.deleteIfExists(dir.resolve(SOCKET));
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException leftForItsOwner) {
            // another user's, not the expected layout, or not empty: not ours to force
        }
    }

    /** Whether a listing holds exactly one entry, {@code s}, that is neither a directory nor a link. */
    private static boolean onlyTheSocket(DirectoryStream<Path> listing, PosixFileAttributeView socket)
            throws IOException {
        int entries = 0;
        for (Path entry : listing) {
            if (++entries > 1 || !entry.getFileName().equals(SOCKET)) {
                return false;
            }
        }
        if (entries == 0) {
            return false; // an empty directory is left: not what a pool makes
        }
        PosixFileAttributes attributes = socket.readAttributes();
        return !attributes.isDirectory() && !attributes.isSymbolicLink();
    }

    private static final Path SOCKET = Path.of("s");

    /** The socket's path, passed to each child. */
    Path path() {
        return path;
    }

    /** A token for one child to present; {@link #await} it afterwards. */
    long newToken() {
        lock.lock();
        try {
            long token;
            do {
                token = ThreadLocalRandom.current().nextLong();
            } while (token == 0 || !expected.add(token));
            return token;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the child with {@code token} connects and returns its channel (blocking mode).
     * Fails when the child exits first, when {@code timeoutNanos} pass, or when this channel
     * closes. Called on a slot's thread; interruptible.
     */
    SocketChannel await(long token, Process child, long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (true) {
                SocketChannel mine = arrived.remove(token);
                if (mine != null) {
                    return mine;
                }
                if (closed) {
                    throw new IOException("the pool's workers were stopped while a child JVM started");
                }
                if (!child.isAlive()) {
                    throw new IOException("the child JVM ended (" + ErrorReport.describeExit(child.exitValue())
                            + ") before it connected; see its output above");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the child JVM did not connect within "
                            + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
                }
                if (accepting) {
                    changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS)));
                    continue;
                }
                accepting = true;
                lock.unlock();
                try {
                    acceptOne();
                } finally {
                    lock.lock();
                    accepting = false;
                    changed.signalAll();
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            expected.remove(token);
            SocketChannel late = arrived.remove(token);
            lock.unlock();
            closeQuietly(late);
        }
    }

    /** Accepts at most one connection within a round and files it under its token. Lock not held. */
    private void acceptOne() throws IOException {
        SocketChannel channel;
        try {
            selector.select(ROUND_MILLIS);
            selector.selectedKeys().clear();
            channel = server.accept();
        } catch (ClosedSelectorException | java.nio.channels.ClosedChannelException e) {
            return; // closed meanwhile: the caller sees it
        }
        if (channel == null) {
            return;
        }
        ByteBuffer hello = ByteBuffer.allocate(12);
        try {
            while (hello.hasRemaining()) {
                if (channel.read(hello) < 0) {
                    throw new IOException("closed during the handshake");
                }
            }
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        long token = hello.flip().getLong();
        lock.lock();
        try {
            if (expected.contains(token) && !closed) {
                arrived.put(token, channel);
                channel = null;
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(channel); // not one of ours (or too late)
    }

    /** Closes the socket and deletes it; children already connected keep their channels. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (SocketChannel channel : arrived.values()) {
                closeQuietly(channel);
            }
            arrived.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(selector);
        closeQuietly(server);
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary file; nothing else to do
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }
}
