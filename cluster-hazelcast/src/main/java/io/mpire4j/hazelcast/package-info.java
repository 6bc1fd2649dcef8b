/**
 * Worker pools on a Hazelcast cluster: {@link io.mpire4j.hazelcast.HazelcastWorkers#serve} on the
 * members, {@link io.mpire4j.hazelcast.HazelcastWorkers#on} as a pool's worker kind, and the
 * {@link io.mpire4j.hazelcast.Member} command.
 */
package io.mpire4j.hazelcast;
