package io.signet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system chores of the test resources. */
final class TestFiles {

  private TestFiles() {}

  /** Deletes a directory and everything below it, quietly: it is only clean-up. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // leave what could not be deleted to the OS's temp clean-up
    }
  }
}
