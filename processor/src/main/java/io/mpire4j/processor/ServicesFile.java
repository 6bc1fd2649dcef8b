package io.mpire4j.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * {@code META-INF/services/io.mpire4j.internal.ProgramProvider} in the class output: the generated
 * {@code Provider} of every class this compilation wrote, merged with the entries a previous
 * compilation left there (an incremental compile sees only the classes it recompiles), one binary
 * name per line, sorted. Written once, when processing is over, with every annotated class as an
 * originating element. Entries for classes recompiled now that no longer generate a provider are
 * dropped. Classes of named modules are not listed: a module declares
 * {@code provides io.mpire4j.internal.ProgramProvider with ...} instead. Confined to the compiler's processing thread.
 */
final class ServicesFile {
    static final String PATH = "META-INF/services/io.mpire4j.internal.ProgramProvider";

    private final Filer filer;
    private final Reporter reporter;
    private final Set<String> providers = new TreeSet<>();
    private final List<Element> origins = new ArrayList<>();
    private final Set<String> recompiled = new TreeSet<>();

    ServicesFile(Filer filer, Reporter reporter) {
        this.filer = filer;
        this.reporter = reporter;
    }

    /** Lists {@code provider}, generated for {@code origin}. */
    void add(String provider, TypeElement origin) {
        providers.add(provider);
        origins.add(origin);
    }

    /**
     * Notes that the source of {@code generatedClass} (its binary name) was compiled now: an earlier
     * entry for it is stale unless this compilation lists it again.
     */
    void recompiled(String generatedClass) {
        recompiled.add(generatedClass);
    }

    /**
     * Writes the file if this compilation generated a provider or an earlier entry went stale: one
     * whose class was recompiled now without generating it (it lost its {@code @Parallel} methods),
     * which would otherwise make every child JVM's {@code ServiceLoader} fail.
     */
    void write() {
        Set<String> earlier = existing();
        Set<String> all = new TreeSet<>(providers);
        for (String entry : earlier) {
            int nested = entry.indexOf('$');
            if (!recompiled.contains(nested < 0 ? entry : entry.substring(0, nested))) {
                all.add(entry);
            }
        }
        if (providers.isEmpty() && all.equals(earlier)) {
            return;
        }
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH,
                    origins.toArray(Element[]::new));
            try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                for (String provider : all) {
                    out.write(provider + "\n");
                }
            }
        } catch (IOException e) {
            if (origins.isEmpty()) {
                reporter.error(Message.SERVICES_FILE, PATH, e);
            } else {
                reporter.error(origins.get(0), Message.SERVICES_FILE, PATH, e);
            }
        }
        providers.clear();
        origins.clear();
    }

    /** The providers listed by an earlier compilation into the same class output; none if absent. */
    private Set<String> existing() {
        Set<String> listed = new TreeSet<>();
        try {
            FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (!name.isEmpty()) {
                        listed.add(name);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // No earlier file (or none this file manager can read): nothing to keep.
            return Set.of();
        }
        return listed;
    }
}
