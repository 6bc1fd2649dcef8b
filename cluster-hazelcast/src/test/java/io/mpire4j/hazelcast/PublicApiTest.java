package io.mpire4j.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module's API is two classes; everything else stays package-private and final. */
class PublicApiTest {
    @Test
    void onlyHazelcastWorkersAndMemberArePublic() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(HazelcastWorkers.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/mpire4j/hazelcast");
        Set<String> open = new TreeSet<>();
        Set<String> notFinal = new TreeSet<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                if (name.equals("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName("io.mpire4j.hazelcast." + name);
                if (Modifier.isPublic(type.getModifiers())) {
                    open.add(type.getSimpleName());
                }
                if (!type.isInterface() && !type.isRecord() && !Modifier.isFinal(type.getModifiers())
                        && type.getEnclosingClass() == null) {
                    notFinal.add(name);
                }
            }
        }
        assertEquals(Set.of("HazelcastWorkers", "Member"), open);
        assertEquals(Set.of(), notFinal);
    }
}
