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
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        Path path = dir.resolve("s");
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
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.nio.file.DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                String[] parts = dir.getFileName().toString().split("-");
                if (parts.length != 3) {
                    continue;
                }
                long owner;
                try {
                    owner = Long.parseLong(parts[1]);
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).isEmpty()) {
                    try {
                        Files.deleteIfExists(dir.resolve("s"));
                        Files.deleteIfExists(dir);
                    } catch (IOException | SecurityException leftForItsOwner) {
                        // another user's, or not empty: not ours to force
                    }
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // nothing to sweep
        }
    }

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
