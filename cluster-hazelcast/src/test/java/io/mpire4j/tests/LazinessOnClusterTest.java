package io.mpire4j.tests;

/** {@link LazinessTest} with its pools on two cluster members. */
@OnCluster
class LazinessOnClusterTest extends LazinessTest implements ClusterPlacement {}
