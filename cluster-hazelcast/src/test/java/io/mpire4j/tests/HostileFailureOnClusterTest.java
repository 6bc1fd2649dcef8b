package io.mpire4j.tests;

/** {@link HostileFailureTest} with its pools on two cluster members. */
@OnCluster
class HostileFailureOnClusterTest extends HostileFailureTest implements ClusterPlacement {}
