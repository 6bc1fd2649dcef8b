package io.mpire4j.tests;

/** {@link SortedCollectionsTest} with its pools on two cluster members. */
@OnCluster
class SortedCollectionsOnClusterTest extends SortedCollectionsTest implements ClusterPlacement {}
