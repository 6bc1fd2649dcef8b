package io.mpire4j.hazelcast;

import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import io.mpire4j.spi.Workers;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One generation on the cluster: the members that served when it started (a member that joins
 * later gets slots in the next generation only), where each slot was placed (free slots first,
 * then evenly), and which members already hold its shared receiver. Thread-safe: the pool calls
 * {@link #worker} under its generation lock, slot threads call the rest.
 */
final class ClusterWorkers implements Workers {
    final Links links;
    final PoolContext pool;
    /** This generation's key for its receiver on the members. */
    final String receiverKey = UUID.randomUUID().toString();
    private final List<Protocol.Served> members;
    /** Member index of each slot as placed at the start. */
    private final int[] placed;
    /** Slots per member index now, replacements included. */
    private final int[] load;
    private final Set<UUID> holdReceiver = ConcurrentHashMap.newKeySet();
    /** Members that left or stopped serving during this generation. */
    private final Set<UUID> departed = ConcurrentHashMap.newKeySet();

    ClusterWorkers(Links links, PoolContext pool, List<Protocol.Served> members) {
        this.links = links;
        this.pool = pool;
        this.members = members;
        int n = pool.workers();
        this.placed = new int[n];
        this.load = new int[members.size()];
        for (int slot = 0; slot < n; slot++) {
            int best = 0;
            for (int m = 1; m < members.size(); m++) {
                if (score(m) > score(best)) {
                    best = m;
                }
            }
            placed[slot] = best;
            load[best]++;
        }
        java.util.Arrays.fill(load, 0);
    }

    /** Higher is better: free capacity left, then fewest slots placed. */
    private long score(int m) {
        long freeLeft = members.get(m).free() - load[m];
        return (Math.max(freeLeft, 0) << 20) - load[m];
    }

    /** Whether {@code member} can take slots: in the cluster and still serving. */
    boolean usable(UUID member) {
        return !departed.contains(member) && links.present(member);
    }

    /** {@code member} left or stops serving: no more slots there in this generation. Any thread. */
    void departed(UUID member) {
        departed.add(member);
    }

    @Override
    public synchronized Worker worker(WorkerContext slot) {
        int m = placed[slot.id()];
        if (!usable(members.get(m).member())) {
            m = -1;
            for (int i = 0; i < members.size(); i++) {
                if (usable(members.get(i).member()) && (m < 0 || load[i] < load[m])) {
                    m = i;
                }
            }
        }
        if (m < 0) {
            m = placed[slot.id()]; // none left: the worker fails to open, naming its member
        }
        load[m]++;
        return new MemberWorker(slot, this, members.get(m));
    }

    synchronized void released(Protocol.Served member) {
        int m = members.indexOf(member);
        if (m >= 0 && load[m] > 0) {
            load[m]--;
        }
    }

    /** Whether another member of this generation than {@code gone} is still in the cluster. */
    boolean othersLeft(UUID gone) {
        for (Protocol.Served s : members) {
            if (!s.member().equals(gone) && usable(s.member())) {
                return true;
            }
        }
        return false;
    }

    /** Whether this slot is the first of the generation to reach {@code member}: it sends the receiver. */
    boolean firstTo(UUID member) {
        return holdReceiver.add(member);
    }

    @Override
    public void close() {
        UUID key = UUID.fromString(receiverKey);
        for (UUID member : holdReceiver) {
            try {
                if (links.present(member)) {
                    links.hz.<byte[]>getTopic(Protocol.memberTopic(member)).publish(
                            Protocol.message(Protocol.FORGET, key));
                }
            } catch (RuntimeException e) {
                // the member or this instance is going: nothing to forget
            }
        }
        links.release();
    }
}
