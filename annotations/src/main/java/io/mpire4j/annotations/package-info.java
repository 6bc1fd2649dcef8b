/**
 * The five annotations a user puts on plain methods; the mpire4j processor turns them into a
 * generated, typed {@code *Parallel} pool class. See {@link io.mpire4j.annotations.Parallel}.
 */
package io.mpire4j.annotations;
