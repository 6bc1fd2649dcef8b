package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This project is built as README.md tells users: every line of the README's Maven snippet appears,
 * in order, in this pom.xml. Change one, change both.
 */
class ReadmeSnippetTest {
    @Test
    void thePomContainsTheReadmesMavenSnippetLineByLine() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("readme")));
        int heading = readme.indexOf("Maven — the runtime as a dependency");
        assertTrue(heading >= 0, "the README's Maven section moved");
        int start = readme.indexOf("```xml\n", heading) + "```xml\n".length();
        int end = readme.indexOf("```", start);
        List<String> snippet = readme.substring(start, end).lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.equals("...")).toList();
        assertTrue(snippet.contains("<version>3.13.0</version>"), "the snippet pins maven-compiler-plugin: " + snippet);

        List<String> pom = Files.readAllLines(Path.of("pom.xml")).stream().map(String::trim).toList();
        int at = 0;
        for (String line : snippet) {
            int found = pom.subList(at, pom.size()).indexOf(line);
            assertTrue(found >= 0, "README line not in pom.xml (in order): " + line);
            at += found + 1;
        }
    }
}
