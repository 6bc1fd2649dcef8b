package io.mpire4j.tests;

/** {@link ConcurrencyTest} with its pools on two cluster members. */
@OnCluster
class ConcurrencyOnClusterTest extends ConcurrencyTest implements ClusterPlacement {}
