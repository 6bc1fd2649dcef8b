package io.mpire4j.tests;

import io.mpire4j.StartMethod;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a {@link PoolContract} subclass once per worker kind, with
 * {@link PoolContract#kind} set: threads, virtual threads and child JVMs. A test whose property
 * holds for thread workers only says so with {@link PoolContract#threadsOnly}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(value = StartMethod.class, names = {"THREADS", "VIRTUAL_THREADS", "PROCESSES"})
@interface EveryWorkerKind {}
