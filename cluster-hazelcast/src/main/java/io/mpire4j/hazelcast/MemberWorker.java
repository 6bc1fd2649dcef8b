package io.mpire4j.hazelcast;

import com.hazelcast.topic.ITopic;
import io.mpire4j.internal.RemoteWorker;
import io.mpire4j.spi.WorkerContext;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The caller's side of one slot on a member: the frames of {@link RemoteWorker} go out as messages
 * on the member's topic and come back on the caller's reply topic ({@link Links}). The member's
 * slot is told apart from a death by the cluster: a member that leaves ends the link, and a chunk it
 * held runs again on another member while one is left ({@link #rerunElsewhere()}). Runs on the
 * slot's thread, except {@link #kill()} (the watchdog) and the callbacks from {@link Links}.
 */
final class MemberWorker extends RemoteWorker {
    private final ClusterWorkers generation;
    private final Protocol.Served member;
    private volatile ITopic<byte[]> toMember;
    private final UUID session = UUID.randomUUID();
    private final Inbox in;
    private final CountDownLatch remoteEnd = new CountDownLatch(1);
    private volatile boolean memberLeft;
    private volatile String leftHow = "left the cluster";
    private volatile boolean callerLeft;
    private volatile String endedWhy;
    private boolean helloSent;

    MemberWorker(WorkerContext slot, ClusterWorkers generation, Protocol.Served member) {
        super(slot);
        this.generation = generation;
        this.member = member;
        this.in = new Inbox(Links.OPEN_LIMIT.toNanos(), () -> "member " + member.address() + " did not answer "
                + "within " + Links.OPEN_LIMIT.toSeconds() + " s when worker " + slot.id() + " started there: does it "
                + "still serve mpire4j " + Protocol.VERSION + " (HazelcastWorkers.serve)?");
    }

    Protocol.Served member() {
        return member;
    }

    @Override
    protected Link connect() throws IOException {
        if (!generation.usable(member.member())) {
            memberLeft = true;
            throw new IOException("no member serving mpire4j worker slots is left: member " + member.address()
                    + " " + leftHow);
        }
        toMember = generation.links.hz.getTopic(Protocol.memberTopic(member.member()));
        generation.links.register(session, this);
        PoolSide pool = new PoolSide();
        toMember.publish(new Protocol.Open(generation.links.caller, generation.links.replyTopic, slot.id(),
                generation.pool.programName(), generation.receiverKey, Protocol.VERSION).encode(session));
        return new Link(in, new Outbox(pool));
    }

    @Override
    protected void opened() {
        slot.location("member " + member.address());
    }

    /** Sends what the frame writer flushed: the first frame (the receiver) once per member and generation. */
    private final class PoolSide implements Outbox.Sink {
        @Override
        public void send(byte[] bytes, int length) {
            byte kind = Protocol.DATA;
            if (!helloSent) {
                helloSent = true;
                if (generation.firstTo(member.member())) {
                    kind = Protocol.HELLO_FULL;
                } else {
                    toMember.publish(Protocol.message(Protocol.HELLO_REF, session));
                    return;
                }
            }
            toMember.publish(Protocol.message(kind, session, bytes, 0, length));
        }
    }

    /** A message from the member's slot. Listener thread. */
    void received(byte[] message, int offset) {
        in.add(message, offset);
    }

    /** The member's slot ended. Listener thread. */
    void remoteEnded(String why) {
        endedWhy = why;
        remoteEnd.countDown();
        if (why.isEmpty()) {
            in.close();
        } else {
            in.fail(describe() + " ended: " + why);
        }
        ended();
    }

    /** The member left the cluster, or stops serving ({@code how}: what it did). Listener thread. */
    void memberLeft(String how) {
        generation.departed(member.member());
        leftHow = how;
        memberLeft = true;
        remoteEnd.countDown();
        in.close();
        ended();
    }

    /** This caller's own Hazelcast instance left the cluster ({@code state}). Listener thread. */
    void callerLeft(Object state) {
        endedWhy = "this caller's Hazelcast instance is " + state;
        callerLeft = true;
        remoteEnd.countDown();
        in.close();
        ended();
    }

    @Override
    protected boolean alive() {
        return !memberLeft && !callerLeft && remoteEnd.getCount() > 0 && generation.links.present(member.member());
    }

    @Override
    protected boolean rerunElsewhere() {
        return memberLeft && generation.othersLeft(member.member());
    }

    @Override
    protected String endedHow() {
        if (memberLeft) {
            return "member " + member.address() + " " + leftHow + ", and no other member of the generation is left";
        }
        String why = endedWhy;
        if (callerLeft) {
            return "lost touch with member " + member.address() + ": " + why;
        }
        return why == null ? null : "its slot on member " + member.address() + " ended"
                + (why.isEmpty() ? "" : ": " + why);
    }

    @Override
    protected boolean kill() {
        stop();
        return true;
    }

    @Override
    protected void release(boolean asked) {
        try {
            if (asked) {
                if (!remoteEnd.await(5, TimeUnit.SECONDS)) {
                    stop();
                }
            } else {
                stop();
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
        } finally {
            generation.links.unregister(session);
            generation.released(member);
        }
    }

    /** Tells the member to interrupt and end the slot, and ends this side's stream. */
    private void stop() {
        in.close();
        if (toMember != null && !memberLeft && !callerLeft) {
            try {
                toMember.publish(Protocol.message(Protocol.STOP, session));
            } catch (RuntimeException e) {
                // the member or this instance is going: the slot ends with it
            }
        }
    }

    @Override
    protected String describe() {
        return "worker " + slot.id() + " on member " + member.address();
    }
}
