package io.mpire4j.tests;

import io.mpire4j.StartMethod;
import io.mpire4j.hazelcast.TestCluster;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a contract class of the tests module on the shared test cluster: its tests see
 * {@link PoolContract#kind} = {@code PROCESSES} (workers in other JVMs, values crossing as frames),
 * and the subclass, a {@link ClusterPlacement}, has its pools on the cluster kind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(value = StartMethod.class, names = "PROCESSES")
@ExtendWith({TestCluster.Extension.class, OnceOnCluster.class})
@interface OnCluster {}
