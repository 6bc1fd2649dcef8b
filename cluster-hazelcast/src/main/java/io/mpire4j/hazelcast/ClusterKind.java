package io.mpire4j.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.NoDataMemberInClusterException;
import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.WorkerKind;
import io.mpire4j.spi.Workers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster worker kind: each generation places its slots on the members that serve
 * ({@link HazelcastWorkers#serve}), read from the registry when it starts. Immutable apart from
 * its {@link Links}, which is thread-safe; one instance may serve many pools.
 */
final class ClusterKind implements WorkerKind {
    private final Links links;

    ClusterKind(HazelcastInstance hz) {
        this.links = new Links(hz);
    }

    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public void check(PoolContext pool) {
        if (pool.programName() == null) {
            throw new IllegalArgumentException("workers on a Hazelcast cluster need a generated program, "
                    + pool.className() + " has none: compile it with the mpire4j processor");
        }
        pool.encodedReceiver(); // fails here, at create(), if the receiver cannot cross
    }

    @Override
    public Workers start(PoolContext pool) {
        List<Protocol.Served> serving = serving();
        links.acquire();
        return new ClusterWorkers(links, pool, serving);
    }

    /** The members that serve this version now, fewest busy slots first. */
    private List<Protocol.Served> serving() {
        Map<String, String> entries;
        try {
            IMap<String, String> registry = links.hz.getMap(Protocol.REGISTRY);
            entries = Map.copyOf(registry);
        } catch (NoDataMemberInClusterException e) {
            entries = Map.of(); // only lite members and clients are left: none serves
        }
        List<Protocol.Served> usable = new ArrayList<>();
        List<String> otherVersions = new ArrayList<>();
        for (Member m : links.hz.getCluster().getMembers()) {
            UUID id = m.getUuid();
            String text = entries.get(id.toString());
            if (text == null) {
                continue;
            }
            Protocol.Served served = Protocol.Served.decode(id, text);
            String where = m.getAddress().getHost() + ":" + m.getAddress().getPort();
            if (served == null) {
                otherVersions.add(where + " (an entry this version cannot read: " + text + ")");
            } else if (!served.version().equals(Protocol.VERSION)) {
                otherVersions.add(where + " (mpire4j " + served.version() + ")");
            } else {
                usable.add(served);
            }
        }
        if (usable.isEmpty()) {
            String cluster = links.hz.getConfig().getClusterName();
            String what = "no member of Hazelcast cluster '" + cluster + "' serves mpire4j " + Protocol.VERSION
                    + " worker slots (" + links.hz.getCluster().getMembers().size() + " member(s)";
            if (!otherVersions.isEmpty()) {
                what += "; serving another version: " + String.join(", ", otherVersions);
            }
            throw new IllegalStateException(what + "): start HazelcastWorkers.serve(member, slots) or "
                    + "io.mpire4j.hazelcast.Member on the members, with the same mpire4j version as this caller");
        }
        usable.sort(Comparator.comparingInt(Protocol.Served::free).reversed()
                .thenComparing(s -> s.member().toString()));
        return usable;
    }

    @Override
    public String toString() {
        return "hazelcast(" + links.hz.getName() + ")";
    }
}
