package io.mpire4j.tests;

/** {@link SettingsTest} with its pools on two cluster members. */
@OnCluster
class SettingsOnClusterTest extends SettingsTest implements ClusterPlacement {}
