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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * them is free accepts connections and reads their handshakes (one thread at a time, in rounds of
 * at most 50 ms, never blocking on one peer) and hands each to its owner, so children started in
 * parallel connect in any order and a silent or foreign peer is dropped without stalling them. Thread-safe; the fields
 * below the lock are guarded by it.
 */
final class ChildChannel implements AutoCloseable {
    private static final long ROUND_MILLIS = 50;
    /** How long a connection may take to send its 12-byte handshake before it is dropped. */
    static final long HANDSHAKE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Connections waiting for their handshake at most; more are closed at once. */
    static final int MAX_PENDING = 256;

    private final Path dir;
    private final Path path;
    private final ServerSocketChannel server;
    private final Selector selector;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> expected = new HashSet<>();
    /** Connections whose handshake is being read; closed by {@link #close()} too. Concurrent. */
    private final Set<SocketChannel> handshaking = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
                            + ") before it connected; see its output above. If it says it could not find or load "
                            + "a class (io.mpire4j.internal.ChildMain, or one of yours), its class path was wrong: "
                            + "start this JVM with -D" + ChildLauncher.CLASS_PATH_PROPERTY
                            + "=<the class path of your program>");
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
                    acceptRound();
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

    /**
     * One round of at most {@link #ROUND_MILLIS}: accepts new connections and reads whatever
     * handshake bytes have arrived, without ever blocking on one peer, so a connection that stays
     * silent cannot stall the others. A connection whose handshake is complete is filed under its
     * token (in blocking mode) or closed if the token is not expected; one still incomplete after
     * {@link #HANDSHAKE_NANOS} is closed. Lock not held; only the thread that set
     * {@link #accepting} runs this.
     */
    private void acceptRound() throws IOException {
        List<Handshake> complete = new ArrayList<>();
        try {
            selector.select(ROUND_MILLIS);
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    acceptPending();
                } else if (key.isReadable()) {
                    Handshake done = readHandshake(key);
                    if (done != null) {
                        complete.add(done);
                    }
                }
            }
            selector.selectedKeys().clear();
            if (!complete.isEmpty()) {
                selector.selectNow(); // deregisters the cancelled keys, so that their channels can block again
                selector.selectedKeys().clear(); // still-ready peers are selected again next round
            }
            dropExpired();
        } catch (ClosedSelectorException | java.nio.channels.ClosedChannelException e) {
            complete.forEach(done -> drop(done.channel()));
            return; // closed meanwhile: the caller sees it
        }
        for (Handshake done : complete) {
            file(done.channel(), done.token());
        }
    }

    /** A connection whose 12-byte handshake (token, worker id) is being read. */
    private record Pending(ByteBuffer hello, long deadline) {}

    private void acceptPending() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (selector.keys().size() > MAX_PENDING) {
                closeQuietly(channel); // too many peers at once: the newest are dropped
                continue;
            }
            handshaking.add(channel);
            try {
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ,
                        new Pending(ByteBuffer.allocate(12), System.nanoTime() + HANDSHAKE_NANOS));
            } catch (IOException | RuntimeException e) {
                drop(channel);
            }
        }
    }

    private void drop(java.nio.channels.Channel channel) {
        handshaking.remove(channel);
        closeQuietly(channel);
    }

    /** A connection that sent its whole handshake. */
    private record Handshake(SocketChannel channel, long token) {}

    /** Reads what has arrived of a handshake; once it is complete, cancels the key and returns it. */
    private Handshake readHandshake(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer hello = ((Pending) key.attachment()).hello();
        try {
            if (channel.read(hello) < 0) {
                throw new IOException("closed during the handshake");
            }
        } catch (IOException | RuntimeException e) {
            key.cancel();
            drop(channel);
            return null;
        }
        if (hello.hasRemaining()) {
            return null;
        }
        key.cancel();
        return new Handshake(channel, hello.flip().getLong());
    }

    /** Files a connection whose handshake is complete under its token, or closes it. */
    private void file(SocketChannel channel, long token) {
        handshaking.remove(channel);
        try {
            channel.configureBlocking(true);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return;
        }
        lock.lock();
        try {
            if (expected.contains(token) && !arrived.containsKey(token) && !closed) {
                arrived.put(token, channel);
                channel = null;
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(channel); // not one of ours (or too late, or a second use of a token)
    }

    /** Closes the connections that did not complete their handshake in time. */
    private void dropExpired() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Pending pending && now - pending.deadline() > 0) {
                key.cancel();
                drop(key.channel());
            }
        }
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
        for (SocketChannel channel : handshaking) {
            closeQuietly(channel);
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
