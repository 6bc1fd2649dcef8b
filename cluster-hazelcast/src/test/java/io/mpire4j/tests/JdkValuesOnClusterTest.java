package io.mpire4j.tests;

/** {@link JdkValuesTest} with its pools on two cluster members. */
@OnCluster
class JdkValuesOnClusterTest extends JdkValuesTest implements ClusterPlacement {}
