package io.mpire4j.spi;

/** Where a pool's workers run (placeholder while the SPI is built). */
public interface WorkerKind {
    /** A short name for reports. */
    String name();
}
