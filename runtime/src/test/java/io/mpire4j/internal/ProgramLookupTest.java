package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How a worker's JVM finds the program it serves: the generated provider by name first. */
class ProgramLookupTest {

    @Test
    void theGeneratedProviderIsLoadedByItsName() {
        ProgramProvider provider = WorkerHost.generatedProvider(ChildFixture.class.getName());
        assertInstanceOf(ChildFixture.Provider.class, provider);
        assertEquals(ChildFixture.class.getName(), provider.name());
    }

    @Test
    void aNameWithoutANestedProviderIsLeftToTheRegisteredProviders() {
        assertNull(WorkerHost.generatedProvider("io.mpire4j.internal.NoSuchParallel"));
        assertNull(WorkerHost.generatedProvider(ProgramLookupTest.class.getName()), "no nested Provider class");
    }

    @Test
    void aNestedProviderForAnotherProgramIsNotTaken() {
        // Misnamed.Provider is a ProgramProvider, but it provides another program than Misnamed.
        assertNull(WorkerHost.generatedProvider(Misnamed.class.getName()));
    }

    static final class Misnamed {
        public static final class Provider implements ProgramProvider {
            public Provider() {}

            @Override
            public String name() {
                return "some.other.Program";
            }

            @Override
            public WorkerProgram<?, ?> program(java.io.DataInput receiver) {
                throw new AssertionError("never built");
            }
        }
    }
}
