package io.mpire4j.hazelcast;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Properties;
import java.util.UUID;

/**
 * The messages between a caller and a serving member, both ends. Every message is one
 * {@code byte[]} on a Hazelcast {@code ITopic}: a kind byte, the session (one worker slot's link)
 * as a UUID, then the payload. Frames of the worker protocol ({@code io.mpire4j.internal.Wire})
 * travel whole as the payload of {@link #DATA}; nothing in a message is Java-serialized.
 *
 * <p>Topics: each serving member listens on {@link #memberTopic}; each caller (one per
 * {@link HazelcastWorkers#on} kind) on a reply topic of its own, named in {@link #OPEN}. Messages of
 * one topic from one publisher arrive in order, which is all the frames need.
 */
final class Protocol {
    private Protocol() {}

    /** The map of serving members: member UUID to {@link Served#encode()}. */
    static final String REGISTRY = "mpire4j.workers";

    /** Caller to member: start a slot (payload: caller UUID, reply topic, worker id, program, receiver key). */
    static final byte OPEN = 1;
    /** Either way: bytes of the worker protocol. */
    static final byte DATA = 2;
    /** Caller to member: interrupt the slot's thread and end its link (a deadline passed, the caller gave up). */
    static final byte STOP = 3;
    /** Caller to member: the slot's first frame is the receiver frame already sent for its receiver key. */
    static final byte HELLO_REF = 4;
    /** Caller to member: the slot's first frame, to keep for the other slots of the same receiver key. */
    static final byte HELLO_FULL = 5;
    /** Member to caller: the slot's thread ended (payload: why, as UTF, possibly empty). */
    static final byte ENDED = 6;
    /** Caller to member: the generation with this receiver key (the session field) is over. */
    static final byte FORGET = 7;

    /** Bytes before the payload: kind and session. */
    static final int HEADER = 1 + 16;

    /** The mpire4j version of this jar, as callers and members compare it. */
    static final String VERSION = readVersion();

    static String memberTopic(UUID member) {
        return "mpire4j.member." + member;
    }

    static byte[] message(byte kind, UUID session, byte[] payload, int offset, int length) {
        byte[] m = new byte[HEADER + length];
        ByteBuffer b = ByteBuffer.wrap(m);
        b.put(kind).putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits());
        b.put(payload, offset, length);
        return m;
    }

    static byte[] message(byte kind, UUID session) {
        return message(kind, session, new byte[0], 0, 0);
    }

    static byte kind(byte[] message) {
        return message[0];
    }

    static UUID session(byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message, 1, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The payload of an OPEN message. */
    record Open(UUID caller, String replyTopic, int workerId, String program, String receiverKey, String version) {
        byte[] encode(UUID session) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(caller.toString());
                out.writeUTF(replyTopic);
                out.writeInt(workerId);
                out.writeUTF(program);
                out.writeUTF(receiverKey);
                out.writeUTF(version);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] payload = bytes.toByteArray();
            return message(OPEN, session, payload, 0, payload.length);
        }

        static Open decode(byte[] message) throws IOException {
            DataInputStream in = new DataInputStream(
                    new java.io.ByteArrayInputStream(message, HEADER, message.length - HEADER));
            return new Open(UUID.fromString(in.readUTF()), in.readUTF(), in.readInt(), in.readUTF(), in.readUTF(),
                    in.readUTF());
        }
    }

    /** A serving member as the registry lists it. */
    record Served(UUID member, String version, int slots, int busy, String address) {
        String encode() {
            return "1|" + version + "|" + slots + "|" + busy + "|" + address;
        }

        /** The entry of {@code member}, or null if it is not one this version can read. */
        static Served decode(UUID member, String text) {
            String[] parts = text == null ? new String[0] : text.split("\\|", 5);
            if (parts.length != 5 || !parts[0].equals("1")) {
                return null;
            }
            try {
                return new Served(member, parts[1], Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), parts[4]);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        int free() {
            return Math.max(0, slots - busy);
        }
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = Protocol.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }
}
