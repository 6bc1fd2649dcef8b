package io.mpire4j.internal;

/**
 * Whether JFR events can be emitted at all: {@code jdk.jfr} is in the boot layer. A runtime image
 * made without it (jlink), or {@code --limit-modules}, must not fail a call on loading an event
 * class, so every site checks {@link #AVAILABLE} before it touches one. Immutable.
 */
final class Jfr {
    /** Whether the {@code jdk.jfr} module is present; decided once. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {}
}
