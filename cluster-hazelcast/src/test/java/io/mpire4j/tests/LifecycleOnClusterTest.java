package io.mpire4j.tests;

/** {@link LifecycleTest} with its pools on two cluster members. */
@OnCluster
class LifecycleOnClusterTest extends LifecycleTest implements ClusterPlacement {}
