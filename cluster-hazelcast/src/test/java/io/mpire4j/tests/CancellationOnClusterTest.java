package io.mpire4j.tests;

/** {@link CancellationTest} with its pools on two cluster members. */
@OnCluster
class CancellationOnClusterTest extends CancellationTest implements ClusterPlacement {}
