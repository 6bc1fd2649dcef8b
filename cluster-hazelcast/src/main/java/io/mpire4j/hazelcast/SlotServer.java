package io.mpire4j.hazelcast;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.mpire4j.internal.WorkerHost;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The member's side: hosts worker slots for callers anywhere in the cluster, each on a thread of
 * its own ({@code mpire4j-worker-<id>}, as the pool names its slots) running {@link WorkerHost}, the same loop a child JVM
 * runs. It listens on its member topic ({@link Protocol#memberTopic}) for the callers' messages,
 * lists itself in the registry map ({@link Protocol#REGISTRY}) with its capacity and the slots in
 * use, and ends a caller's slots when the cluster says the caller left (a member's membership event,
 * a client's disconnection). Thread-safe: listener threads of Hazelcast call in, slot threads run
 * on their own.
 */
final class SlotServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlotServer.class.getName());
    /** Members serving now in this JVM, so that a member is not served twice. */
    private static final Set<UUID> SERVING = ConcurrentHashMap.newKeySet();

    private final HazelcastInstance member;
    private final UUID uuid;
    private final int slots;
    private final String address;
    private final ClassLoader loader;
    private final ITopic<byte[]> inbox;
    private final IMap<String, String> registry;
    private final Map<UUID, Hosted> sessions = new ConcurrentHashMap<>();
    /** Receiver frames by receiver key (a caller's generation), for the slots that follow the first. */
    private final Map<String, Kept> receivers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService updater = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("mpire4j-member-registry").daemon(true).unstarted(r));
    private final UUID topicRegistration;
    private final UUID membershipRegistration;
    private final UUID clientRegistration;

    private record Kept(UUID caller, CompletableFuture<byte[]> frame) {}

    SlotServer(HazelcastInstance member, int slots) {
        if (!(member.getLocalEndpoint() instanceof Member local)) {
            throw new IllegalArgumentException("HazelcastWorkers.serve needs a cluster member, "
                    + member.getName() + " is a client: call it on a member (Hazelcast.newHazelcastInstance)");
        }
        this.member = member;
        this.uuid = local.getUuid();
        this.slots = slots;
        this.address = local.getAddress().getHost() + ":" + local.getAddress().getPort();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.loader = context != null ? context : SlotServer.class.getClassLoader();
        if (!SERVING.add(uuid)) {
            throw new IllegalStateException("member " + address + " already serves mpire4j worker slots: "
                    + "close the first HazelcastWorkers.serve(...) before serving again");
        }
        try {
            this.inbox = member.getTopic(Protocol.memberTopic(uuid));
            this.registry = member.getMap(Protocol.REGISTRY);
            this.topicRegistration = inbox.addMessageListener(this::onMessage);
            this.membershipRegistration = member.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {}

                @Override
                public void memberRemoved(MembershipEvent event) {
                    callerLeft(event.getMember().getUuid());
                }
            });
            this.clientRegistration = member.getClientService().addClientListener(new ClientListener() {
                @Override
                public void clientConnected(Client client) {}

                @Override
                public void clientDisconnected(Client client) {
                    callerLeft(client.getUuid());
                }
            });
            publish();
        } catch (RuntimeException e) {
            SERVING.remove(uuid);
            updater.shutdownNow();
            throw e;
        }
    }

    /** Lists this member in the registry with the slots in use now. */
    private synchronized void publish() {
        if (!closed.get()) {
            registry.set(uuid.toString(), new Protocol.Served(uuid, Protocol.VERSION, slots, sessions.size(), address)
                    .encode());
        }
    }

    /**
     * Brings the registry entry up to date soon, off the caller's thread (listener threads must not
     * block on the map): one updater thread, which reads the count when it runs, so the last update
     * always writes the latest count.
     */
    private void publishQuietly() {
        try {
            updater.execute(() -> {
                try {
                    publish();
                } catch (RuntimeException e) {
                    // the member is shutting down: the registry entry goes with it
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the entry is gone
        }
    }

    private void onMessage(Message<byte[]> message) {
        byte[] m = message.getMessageObject();
        if (m == null || m.length < Protocol.HEADER) {
            return;
        }
        UUID session = Protocol.session(m);
        try {
            switch (Protocol.kind(m)) {
                case Protocol.OPEN -> open(session, Protocol.Open.decode(m));
                case Protocol.DATA -> {
                    Hosted h = sessions.get(session);
                    if (h != null) {
                        h.in.add(m, Protocol.HEADER);
                    }
                }
                case Protocol.HELLO_FULL -> {
                    Hosted h = sessions.get(session);
                    if (h != null) {
                        byte[] frame = java.util.Arrays.copyOfRange(m, Protocol.HEADER, m.length);
                        kept(h.open.receiverKey(), h.open.caller()).frame().complete(frame);
                        h.in.add(m, Protocol.HEADER);
                    }
                }
                case Protocol.HELLO_REF -> {
                    Hosted h = sessions.get(session);
                    if (h != null) {
                        h.in.add(kept(h.open.receiverKey(), h.open.caller()).frame());
                    }
                }
                case Protocol.STOP -> {
                    Hosted h = sessions.get(session);
                    if (h != null) {
                        h.stop();
                    }
                }
                case Protocol.FORGET -> receivers.remove(session.toString());
                default -> LOG.fine(() -> "mpire4j: unknown message kind " + Protocol.kind(m));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "mpire4j: could not handle a message from a caller", e);
        }
    }

    private Kept kept(String key, UUID caller) {
        return receivers.computeIfAbsent(key, k -> new Kept(caller, new CompletableFuture<>()));
    }

    private void open(UUID session, Protocol.Open open) {
        if (closed.get()) {
            return;
        }
        ITopic<byte[]> reply = member.getTopic(open.replyTopic());
        Hosted h = new Hosted(session, open, reply);
        if (sessions.putIfAbsent(session, h) != null) {
            return;
        }
        if (!Protocol.VERSION.equals(open.version())) {
            sessions.remove(session);
            h.ended("member " + address + " serves mpire4j " + Protocol.VERSION + ", the caller is "
                    + open.version(), false);
            return;
        }
        publishQuietly();
        Thread.ofPlatform().name("mpire4j-worker-" + open.workerId()).daemon(true)
                .uncaughtExceptionHandler((t, e) -> LOG.log(Level.WARNING, "mpire4j: " + t.getName() + " failed", e))
                .start(h::serve);
    }

    /** A caller (member or client) left the cluster: its slots end. */
    private void callerLeft(UUID caller) {
        for (Hosted h : sessions.values()) {
            if (h.open.caller().equals(caller)) {
                h.stop();
            }
        }
        receivers.values().removeIf(k -> k.caller().equals(caller));
    }

    /** How many slots run here now (for tests and the Member command). */
    int busy() {
        return sessions.size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        updater.shutdownNow();
        try {
            registry.delete(uuid.toString());
        } catch (RuntimeException e) {
            // the member is shutting down
        }
        try {
            inbox.removeMessageListener(topicRegistration);
            member.getCluster().removeMembershipListener(membershipRegistration);
            member.getClientService().removeClientListener(clientRegistration);
        } catch (RuntimeException e) {
            // the member is shutting down
        }
        for (Hosted h : sessions.values()) {
            h.stop();
        }
        for (Hosted h : sessions.values()) {
            h.join(Duration.ofSeconds(5));
        }
        receivers.clear();
        SERVING.remove(uuid);
    }

    /** One slot hosted here. */
    private final class Hosted {
        final UUID session;
        final Protocol.Open open;
        final ITopic<byte[]> reply;
        final Inbox in = new Inbox(0, () -> "");
        volatile Thread thread;

        Hosted(UUID session, Protocol.Open open, ITopic<byte[]> reply) {
            this.session = session;
            this.open = open;
            this.reply = reply;
        }

        void serve() {
            thread = Thread.currentThread();
            thread.setContextClassLoader(loader);
            String why = "";
            Outbox out = new Outbox((bytes, length) -> {
                if (closed.get()) {
                    // This member stops serving and has interrupted the slot: a task that fails of that
                    // interrupt is not the task's failure. Send nothing more; the caller runs the chunk elsewhere.
                    throw new IOException("this member stops serving");
                }
                reply.publish(Protocol.message(Protocol.DATA, session, bytes, 0, length));
            });
            try {
                WorkerHost.serve(in, out, open.workerId(), open.program());
            } catch (IOException e) {
                why = "its link ended: " + e.getMessage();
            } catch (Throwable t) {
                why = "its thread failed: " + t;
                LOG.log(Level.WARNING, "mpire4j: worker slot " + open.workerId() + " failed", t);
            } finally {
                sessions.remove(session);
                ended(why, closed.get());
                publishQuietly();
            }
        }

        /** Tells the caller the slot ended, and whether because this member stops serving. */
        void ended(String why, boolean leaving) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream data = new DataOutputStream(bytes)) {
                    data.writeUTF(why.length() > 1000 ? why.substring(0, 1000) : why);
                    data.writeBoolean(leaving);
                }
                byte[] payload = bytes.toByteArray();
                reply.publish(Protocol.message(Protocol.ENDED, session, payload, 0, payload.length));
            } catch (IOException | RuntimeException e) {
                // the caller or this member is gone: nobody to tell
            }
        }

        /** Interrupts the slot's thread and ends its input: it ends as soon as its task returns. */
        void stop() {
            in.close();
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        void join(Duration limit) {
            Thread t = thread;
            if (t != null) {
                try {
                    t.join(limit);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
