package io.mpire4j.tests;

/** {@link InsightsTest} with its pools on two cluster members. */
@OnCluster
class InsightsOnClusterTest extends InsightsTest implements ClusterPlacement {}
