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
 * {@link PoolContract#kind} set. Add a kind here ({@code PROCESSES}) and the whole contract runs
 * against it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(value = StartMethod.class, names = {"THREADS", "VIRTUAL_THREADS"})
@interface EveryWorkerKind {}
