package io.mpire4j.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the setting and the value. */
final class Preconditions {
    private Preconditions() {}

    static int requirePositive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be >= 1, was " + value);
        }
        return value;
    }

    static long requirePositive(String setting, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be >= 1, was " + value);
        }
        return value;
    }

    static long requireNonNegative(String setting, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + " must be >= 0, was " + value);
        }
        return value;
    }

    static Duration requirePositive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
        }
        return value;
    }

    static String requireNonBlank(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank, was \"" + value + "\"");
        }
        return value;
    }
}
