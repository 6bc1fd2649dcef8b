package io.mpire4j.tests;

/** {@link BackpressureTest} with its pools on two cluster members. */
@OnCluster
class BackpressureOnClusterTest extends BackpressureTest implements ClusterPlacement {}
