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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the runtime's surface, package by package: {@code io.mpire4j} holds exactly what users
 * type, {@code io.mpire4j.spi} what authors of worker kinds and observers implement, and
 * {@code io.mpire4j.internal} only the glue that generated code and other mpire4j modules call.
 * Every other class is package-private, and every class is final except the exceptions and the one
 * class made to be extended by remote worker kinds.
 */
class PublicApiTest {
    private static final Map<String, Set<String>> PUBLIC = Map.of(
            "io.mpire4j", Set.of("ParallelMethod", "PoolOptions", "StartMethod", "Insights", "WorkerInsights",
                    "TaskTiming", "TaskFailedException", "TaskTimeoutException", "WorkerDiedException",
                    "WorkerInitException", "WorkerExitException", "Dashboard", "FileRanges", "Outcome"),
            "io.mpire4j.spi", Set.of("WorkerKind", "Workers", "Worker", "WorkerContext", "PoolContext", "Batch",
                    "PoolListener", "PoolEvents", "PoolInfo", "CallInfo", "CallOutcome"),
            "io.mpire4j.internal", Set.of("WorkerPool", "WorkerProgram", "Codec", "Codecs", "ProgramProvider",
                    "RemoteWorker", "WorkerHost", "ChildMain", "DashboardServer"));

    private static List<Class<?>> topLevelTypes(String pkg)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(ParallelMethod.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(pkg.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")
                        && !name.equals("module-info.class")) {
                    types.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length())));
                }
            }
        }
        return types;
    }

    @Test
    void exactlyTheListedTypesArePublic() throws Exception {
        for (Map.Entry<String, Set<String>> pkg : PUBLIC.entrySet()) {
            Set<String> actual = new TreeSet<>();
            for (Class<?> type : topLevelTypes(pkg.getKey())) {
                if (Modifier.isPublic(type.getModifiers())) {
                    actual.add(type.getSimpleName());
                }
            }
            assertEquals(new TreeSet<>(pkg.getValue()), actual,
                    "in " + pkg.getKey() + ": a type became public, or a public one disappeared");
        }
    }

    @Test
    void everyClassIsFinalExceptTheExceptions() throws Exception {
        List<String> open = new ArrayList<>();
        for (String pkg : PUBLIC.keySet()) {
            for (Class<?> type : topLevelTypes(pkg)) {
                int m = type.getModifiers();
                boolean plainClass = !type.isInterface() && !type.isEnum() && !type.isRecord();
                boolean mayBeSubclassed = Throwable.class.isAssignableFrom(type) // a small hierarchy
                        || type.isSealed() // its subclasses are listed
                        || type.getName().equals("io.mpire4j.internal.RemoteWorker"); // made to be extended
                if (plainClass && !Modifier.isFinal(m) && !mayBeSubclassed) {
                    open.add(type.getName());
                }
            }
        }
        assertTrue(open.isEmpty(), "classes that should be final: " + open);
    }
}
