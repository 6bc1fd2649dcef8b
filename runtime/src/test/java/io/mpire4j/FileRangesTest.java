package io.mpire4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileRanges.lines cuts a file into line-aligned ranges that cover it exactly, whatever its shape. */
class FileRangesTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("f-" + content.hashCode() + ".txt"), content, StandardCharsets.UTF_8);
    }

    /** The lines of each range, as text. */
    private static List<List<String>> linesOf(List<FileRanges.Range> ranges) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (FileRanges.Range range : ranges) {
            byte[] all = Files.readAllBytes(range.path());
            String text = new String(Arrays.copyOfRange(all, (int) range.start(), (int) range.end()), StandardCharsets.UTF_8);
            out.add(text.lines().toList());
        }
        return out;
    }

    private static void assertCoversWholeLines(Path file, List<FileRanges.Range> ranges) throws IOException {
        byte[] all = Files.readAllBytes(file);
        long at = 0;
        for (FileRanges.Range range : ranges) {
            assertEquals(file, range.path());
            assertEquals(at, range.start(), "ranges are contiguous: " + ranges);
            assertTrue(range.length() > 0, "no empty range: " + ranges);
            assertTrue(range.start() == 0 || all[(int) range.start() - 1] == '\n', "starts a line: " + range);
            at = range.end();
        }
        assertEquals(all.length, at, "the ranges cover the file");
    }

    @Test
    void rangesCoverTheFileInWholeLines() throws IOException {
        Random random = new Random(42);
        String content = IntStream.range(0, 1000)
                .mapToObj(i -> "station" + random.nextInt(50) + ";" + "x".repeat(random.nextInt(200)) + "\n")
                .collect(Collectors.joining());
        Path file = file(content);
        for (int parts : new int[] {1, 2, 3, 7, 64, 999, 1000}) {
            List<FileRanges.Range> ranges = FileRanges.lines(file, parts);
            assertCoversWholeLines(file, ranges);
            assertTrue(ranges.size() <= parts, parts + ": " + ranges);
            if (parts <= 64) { // parts far longer than a line: exactly as many as asked
                assertEquals(parts, ranges.size(), parts + ": " + ranges);
            }
            assertEquals(content.lines().toList(), linesOf(ranges).stream().flatMap(List::stream).toList());
        }
    }

    @Test
    void moreRangesThanLinesGiveOneRangePerLineAndNoEmptyOnes() throws IOException {
        Path file = file("a;1\nb;2\nc;3\n");
        List<FileRanges.Range> ranges = FileRanges.lines(file, 50);
        assertCoversWholeLines(file, ranges);
        assertEquals(List.of(List.of("a;1"), List.of("b;2"), List.of("c;3")), linesOf(ranges));
    }

    @Test
    void anEmptyFileGivesNoRanges() throws IOException {
        assertEquals(List.of(), FileRanges.lines(file(""), 4));
    }

    @Test
    void aLastLineWithoutNewlineBelongsToTheLastRange() throws IOException {
        Path file = file("first;1\nsecond;2\nthird;3");
        List<FileRanges.Range> ranges = FileRanges.lines(file, 3);
        assertCoversWholeLines(file, ranges);
        assertEquals(List.of("first;1", "second;2", "third;3"), linesOf(ranges).stream().flatMap(List::stream).toList());
        assertEquals(List.of("third;3"), linesOf(ranges).get(ranges.size() - 1));
    }

    @Test
    void aLineLongerThanAPartStaysWhole() throws IOException {
        String longLine = "y".repeat(50_000);
        Path file = file("a\n" + longLine + "\nb\n");
        List<FileRanges.Range> ranges = FileRanges.lines(file, 10);
        assertCoversWholeLines(file, ranges);
        assertEquals(List.of("a", longLine, "b"), linesOf(ranges).stream().flatMap(List::stream).toList());
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path file = file("a\n");
        IllegalArgumentException parts = assertThrows(IllegalArgumentException.class, () -> FileRanges.lines(file, 0));
        assertTrue(parts.getMessage().contains("parts must be >= 1, was 0"), parts.getMessage());
        Path missing = dir.resolve("missing.csv");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> FileRanges.lines(missing, 2));
        assertTrue(none.getMessage().contains(missing.toString()), none.getMessage());
        IOException directory = assertThrows(IOException.class, () -> FileRanges.lines(dir, 2));
        assertTrue(directory.getMessage().contains("not a regular file"), directory.getMessage());
        assertThrows(NullPointerException.class, () -> FileRanges.lines(null, 2));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new FileRanges.Range(file, 5, 2));
        assertTrue(range.getMessage().contains("start = 5, end = 2"), range.getMessage());
    }
}
