package io.mpire4j.tests;

/** {@link FailureTest} with its pools on two cluster members. */
@OnCluster
class FailureOnClusterTest extends FailureTest implements ClusterPlacement {}
