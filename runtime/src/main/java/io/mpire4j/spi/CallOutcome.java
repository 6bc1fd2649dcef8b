package io.mpire4j.spi;

/** How a call ended. */
public enum CallOutcome {
    /** Every task ran and every result was handed out. */
    DONE,
    /** A task failed, timed out or lost its worker, or the pool was terminated. */
    FAILED,
    /** The caller stopped early: an {@code imap} stream closed before its end, or an interrupt. */
    CANCELLED
}
