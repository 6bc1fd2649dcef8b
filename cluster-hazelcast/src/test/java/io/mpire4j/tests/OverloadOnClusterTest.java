package io.mpire4j.tests;

/** {@link OverloadTest} with its pools on two cluster members. */
@OnCluster
class OverloadOnClusterTest extends OverloadTest implements ClusterPlacement {}
