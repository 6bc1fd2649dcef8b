package io.mpire4j.internal;

import java.io.DataInput;
import java.io.IOException;

/**
 * Generated for every annotated class, and registered in {@code META-INF/services}: lets a child
 * JVM worker ({@link io.mpire4j.StartMethod#PROCESSES}) rebuild the class's {@link WorkerProgram}, so that it
 * calls the annotated methods directly. User code has no need for it.
 */
public interface ProgramProvider {

    /** The binary name of the generated {@code *Parallel} class whose program this provides. */
    String name();

    /**
     * Builds the program in the child. For a class with instance methods, first reads the shared
     * receiver that the parent wrote with the program's receiver codec.
     */
    WorkerProgram<?, ?> program(DataInput receiver) throws IOException;
}
