package io.etwcorr.testkit.arch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** What a built jar holds, for the tests that keep tools out of the deployables. */
public final class JarContents {
    /** Class-file prefixes that belong to the simulator, the CLI, the test kit or a benchmark harness. */
    public static final List<String> TOOLS = List.of("io/etwcorr/simulator/", "io/etwcorr/cli/", "io/etwcorr/testkit/",
            "io/etwcorr/bench", "org/openjdk/jmh/", "META-INF/BenchmarkList");

    private JarContents() {}

    /** The entries of {@code jar} whose names start with one of {@code prefixes}. */
    public static List<String> entriesStartingWith(Path jar, List<String> prefixes) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream()
                    .map(JarEntry::getName)
                    .filter(name -> prefixes.stream().anyMatch(name::startsWith))
                    .toList();
        }
    }

    /** How many class files {@code jar} holds below {@code prefix}. */
    public static long classCount(Path jar, String prefix) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".class"))
                    .count();
        }
    }
}
