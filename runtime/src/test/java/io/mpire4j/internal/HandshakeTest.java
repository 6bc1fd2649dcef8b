package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The handshake on the children's socket: a peer that connects and stays silent, sends half a
 * handshake or a foreign token must not keep the real children from being accepted, and is dropped.
 */
class HandshakeTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** Stands in for a child JVM that stays alive while it connects. */
    private static final class AliveChild extends Process {
        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int exitValue() {
            throw new IllegalThreadStateException("alive");
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public void destroy() {}
    }

    private static SocketChannel connect(ChildChannel channel) throws Exception {
        SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX);
        peer.connect(UnixDomainSocketAddress.of(channel.path()));
        return peer;
    }

    private static SocketChannel child(ChildChannel channel, long token, int id) throws Exception {
        SocketChannel peer = connect(channel);
        peer.write(ByteBuffer.allocate(12).putLong(token).putInt(id).flip());
        return peer;
    }

    /** Whether the other end closed {@code peer}: a read sees the end of the stream. */
    private static int readFrom(SocketChannel peer) throws Exception {
        return peer.read(ByteBuffer.allocate(1));
    }

    @Test
    void silentPeersDoNotStallTheChildren() throws Exception {
        try (ChildChannel channel = ChildChannel.open();
                SocketChannel silent = connect(channel);
                SocketChannel half = connect(channel)) {
            half.write(ByteBuffer.allocate(5).put(new byte[] {1, 2, 3, 4, 5}).flip());
            long first = channel.newToken();
            long second = channel.newToken();
            try (SocketChannel a = child(channel, first, 0); SocketChannel b = child(channel, second, 1)) {
                assertTimeoutPreemptively(PROMPTLY, () -> {
                    SocketChannel one = channel.await(second, new AliveChild(), TimeUnit.SECONDS.toNanos(30));
                    SocketChannel other = channel.await(first, new AliveChild(), TimeUnit.SECONDS.toNanos(30));
                    assertNotNull(one);
                    assertNotNull(other);
                    one.close();
                    other.close();
                });
            }
        }
    }

    @Test
    void aPeerWithAForeignTokenIsDropped() throws Exception {
        try (ChildChannel channel = ChildChannel.open()) {
            long token = channel.newToken();
            try (SocketChannel stranger = child(channel, token + 1, 0); SocketChannel real = child(channel, token, 0)) {
                assertTimeoutPreemptively(PROMPTLY, () -> {
                    channel.await(token, new AliveChild(), TimeUnit.SECONDS.toNanos(30)).close();
                    assertEquals(-1, readFrom(stranger), "the stranger's connection is closed");
                });
            }
        }
    }
}
