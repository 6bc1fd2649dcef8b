package io.mpire4j.tests;

/** {@link NoThreadLeakTest} with its pools on two cluster members. */
@OnCluster
class NoThreadLeakOnClusterTest extends NoThreadLeakTest implements ClusterPlacement {
    /**
     * A slot on a member is a thread there, not a child JVM of this one: its timeouts interrupt
     * and then abandon it, as for thread workers, and no child process is ever started.
     */
    @Override
    boolean processes() {
        return false;
    }
}
