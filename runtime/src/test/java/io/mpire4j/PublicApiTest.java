package io.mpire4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the runtime's surface: exactly the listed top-level types are public (the user API and
 * the few types generated code must reach), and every other class is package-private and final
 * (or abstract, for the one shared worker loop).
 */
class PublicApiTest {
    /** What users see (DESIGN.md section 4), then what generated code needs. */
    private static final Set<String> PUBLIC = Set.of(
            "ParallelMethod", "PoolOptions", "StartMethod", "Insights", "WorkerInsights", "TaskTiming",
            "TaskFailedException", "TaskTimeoutException", "WorkerDiedException", "WorkerInitException",
            "WorkerExitException",
            "WorkerPool", "WorkerProgram", "Codec", "Codecs", "ProgramProvider", "ChildMain");

    private static List<Class<?>> topLevelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(ParallelMethod.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/mpire4j");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
                    types.add(Class.forName("io.mpire4j." + name.substring(0, name.length() - ".class".length())));
                }
            }
        }
        return types;
    }

    @Test
    void exactlyTheListedTypesArePublic() throws Exception {
        Set<String> actual = new TreeSet<>();
        for (Class<?> type : topLevelTypes()) {
            if (Modifier.isPublic(type.getModifiers())) {
                actual.add(type.getSimpleName());
            }
        }
        assertEquals(new TreeSet<>(PUBLIC), actual, "a type became public, or a public one disappeared");
    }

    @Test
    void everyOtherClassIsFinalOrTheSharedWorkerLoop() throws Exception {
        List<String> open = new ArrayList<>();
        for (Class<?> type : topLevelTypes()) {
            int m = type.getModifiers();
            boolean plainClass = !type.isInterface() && !type.isEnum() && !type.isRecord();
            boolean mayBeSubclassed = type == Worker.class // ThreadWorker and ChildWorker share its loop
                    || Throwable.class.isAssignableFrom(type); // the exceptions form a small hierarchy
            if (plainClass && !Modifier.isFinal(m) && !mayBeSubclassed) {
                open.add(type.getSimpleName());
            }
        }
        assertTrue(open.isEmpty(), "classes that should be final: " + open);
    }
}
