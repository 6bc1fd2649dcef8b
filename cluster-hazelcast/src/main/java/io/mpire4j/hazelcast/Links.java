package io.mpire4j.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caller's side of every link of one {@link ClusterKind}: the reply topic its members answer
 * on, routed to each slot's {@link MemberWorker} by session, and the membership listener that tells
 * the links of a member that left. Listening starts with the first generation and stops after the
 * last one closes ({@link #acquire}, {@link #release}). Thread-safe: Hazelcast's listener threads
 * call in; slot threads register and unregister their links.
 */
final class Links {
    /** How long a member may take to answer a slot's opening before the slot fails to start. */
    static final Duration OPEN_LIMIT = Duration.ofSeconds(30);

    final HazelcastInstance hz;
    final UUID caller;
    final String replyTopic;
    private ITopic<byte[]> replies;
    private final Map<UUID, MemberWorker> links = new ConcurrentHashMap<>();
    /** Guards the registrations; counts the open generations. */
    private int users;
    private UUID topicRegistration;
    private UUID membershipRegistration;
    private UUID lifecycleRegistration;

    Links(HazelcastInstance hz) {
        this.hz = hz;
        this.caller = hz.getLocalEndpoint().getUuid();
        this.replyTopic = "mpire4j.caller." + caller + "." + UUID.randomUUID();
    }

    /** A generation starts: listen if this is the first. */
    synchronized void acquire() {
        if (users++ == 0) {
            replies = hz.getTopic(replyTopic);
            topicRegistration = replies.addMessageListener(this::onMessage);
            membershipRegistration = hz.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {}

                @Override
                public void memberRemoved(MembershipEvent event) {
                    memberLeft(event.getMember());
                }
            });
            lifecycleRegistration = hz.getLifecycleService().addLifecycleListener(event -> {
                switch (event.getState()) {
                    case SHUTTING_DOWN, SHUTDOWN, CLIENT_DISCONNECTED -> links.values().forEach(
                            link -> link.callerLeft(event.getState()));
                    default -> {
                        // still in the cluster
                    }
                }
            });
        }
    }

    /** A generation closed: stop listening after the last. */
    synchronized void release() {
        if (--users == 0) {
            try {
                replies.removeMessageListener(topicRegistration);
                hz.getCluster().removeMembershipListener(membershipRegistration);
                hz.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
                replies.destroy();
            } catch (RuntimeException e) {
                // the instance is shutting down: its listeners go with it
            }
        }
    }

    void register(UUID session, MemberWorker link) {
        links.put(session, link);
    }

    void unregister(UUID session) {
        links.remove(session);
    }

    /** Whether {@code member} is in the cluster now. */
    boolean present(UUID member) {
        try {
            for (Member m : hz.getCluster().getMembers()) {
                if (m.getUuid().equals(member)) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // this instance is shutting down: it reaches no member
        }
        return false;
    }

    private void onMessage(Message<byte[]> message) {
        byte[] m = message.getMessageObject();
        if (m == null || m.length < Protocol.HEADER) {
            return;
        }
        MemberWorker link = links.get(Protocol.session(m));
        if (link == null) {
            return; // a slot this side gave up on
        }
        switch (Protocol.kind(m)) {
            case Protocol.DATA -> link.received(m, Protocol.HEADER);
            case Protocol.ENDED -> {
                String why = "";
                boolean leaving = false;
                try {
                    DataInputStream in = new DataInputStream(
                            new ByteArrayInputStream(m, Protocol.HEADER, m.length - Protocol.HEADER));
                    why = in.readUTF();
                    leaving = in.readBoolean();
                } catch (IOException e) {
                    // no reason given
                }
                if (leaving) {
                    link.memberLeft("stopped serving"); // as good as gone
                } else {
                    link.remoteEnded(why);
                }
            }
            default -> {
                // not for callers
            }
        }
    }

    private void memberLeft(Member member) {
        UUID gone = member.getUuid();
        for (MemberWorker link : links.values()) {
            if (link.member().member().equals(gone)) {
                link.memberLeft("left the cluster");
            }
        }
    }
}
