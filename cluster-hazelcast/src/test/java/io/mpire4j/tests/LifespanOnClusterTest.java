package io.mpire4j.tests;

/** {@link LifespanTest} with its pools on two cluster members. */
@OnCluster
class LifespanOnClusterTest extends LifespanTest implements ClusterPlacement {}
