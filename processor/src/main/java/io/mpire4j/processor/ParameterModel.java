package io.mpire4j.processor;

import com.squareup.javapoet.TypeName;

/**
 * One parameter of an annotated method: its source name, its type and what the generated code
 * passes to it.
 */
record ParameterModel(String name, TypeName type, Role role) {

    /** What a parameter receives. */
    enum Role {
        /** The worker's state ({@code @WorkerState}). */
        STATE,
        /** The worker's id ({@code @WorkerId}). */
        WORKER_ID,
        /** A task argument (no annotation). */
        TASK
    }
}
