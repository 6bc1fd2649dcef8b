package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path child JVMs get. Under {@code mvn exec:java} the program's classes come from a class
 * loader of Maven's while {@code java.class.path} names only Maven's launcher, so children started
 * with {@code java.class.path} alone failed with "Could not find or load main class
 * io.mpire4j.internal.ChildMain"; they now also get the loaders' URLs and the code sources.
 */
class ChildClassPathTest {
    @TempDir
    Path dir;

    private static List<String> javaClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    @Test
    void aProgramOnTheApplicationClassPathGetsJustJavaClassPath() {
        WorkerProgram<Void, Void> program = WorkerProgram.<Void, Void>builder("ChildClassPathTest")
                .generatedName(ChildClassPathTest.class.getName()).build();

        assertEquals(javaClassPath(), ChildLauncher.classPath(program.generatedName()), "unchanged: same class-data archive key");
    }

    @Test
    void aProgramLoadedByAnotherClassLoaderAddsWhereItCameFrom() throws Exception {
        Path src = Files.writeString(dir.resolve("LoadedElsewhereParallel.java"),
                "package elsewhere; public class LoadedElsewhereParallel {}");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path library = Files.createDirectories(dir.resolve("library"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.toString()));

        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader maven = new URLClassLoader(new URL[] {classes.toUri().toURL(), library.toUri().toURL()},
                saved)) {
            Thread.currentThread().setContextClassLoader(maven);
            WorkerProgram<Void, Void> program = WorkerProgram.<Void, Void>builder("LoadedElsewhere")
                    .generatedName("elsewhere.LoadedElsewhereParallel").build();

            List<String> path = ChildLauncher.classPath(program.generatedName());

            assertEquals(javaClassPath(), path.subList(0, javaClassPath().size()), "java.class.path comes first");
            assertTrue(path.contains(classes.toString()), path.toString());
            assertTrue(path.contains(library.toString()), "every URL of the context loader: " + path);
            assertEquals(path.size(), path.stream().map(p -> Path.of(p).toAbsolutePath().normalize()).distinct().count(),
                    "no entry twice: " + path);
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    @Test
    void theSystemPropertyOverridesEverything() {
        String forced = String.join(File.pathSeparator, "/opt/app/app.jar", "/opt/app/classes");
        System.setProperty(ChildLauncher.CLASS_PATH_PROPERTY, forced);
        try {
            WorkerProgram<Void, Void> program = WorkerProgram.<Void, Void>builder("X").generatedName("x.XParallel").build();
            assertEquals(List.of("/opt/app/app.jar", "/opt/app/classes"), ChildLauncher.classPath(program.generatedName()));
        } finally {
            System.clearProperty(ChildLauncher.CLASS_PATH_PROPERTY);
        }
    }
}
