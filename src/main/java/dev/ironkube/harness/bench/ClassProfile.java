package dev.ironkube.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The class-loading profile of one process start: how many classes it loaded, and how many of them
 * did not come from the class cache. The JVM's own log says so ({@code -Xlog:class+load} names
 * "shared objects file" as the source of a cached class), passed through JDK_JAVA_OPTIONS so that
 * it reaches the JVM whichever way it is launched, the ./ironkube launcher included.
 *
 * @param loaded classes loaded
 * @param notCached classes loaded from anywhere but the cache, or generated at run time
 */
record ClassProfile(int loaded, int notCached) {
  /** The source the log names for a class that came from the CDS archive or the AOT cache. */
  static final String FROM_CACHE = "source: shared objects file";

  /** One start of {@code args} with class loading logged to a file; it must succeed. */
  static ClassProfile of(ChildJvm jvm, List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("ironkube-classes", ".log");
    try {
      ProcessBuilder pb = jvm.builder(args.toArray(String[]::new));
      pb.environment().putAll(env);
      // The file, not stdout: the log must not mix with the command's data. The JVM says on
      // stderr that it picked the option up, which is discarded with the rest.
      pb.environment().put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log);
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      int code = pb.start().waitFor();
      if (code != 0) {
        throw new IOException(String.join(" ", args) + " exited with " + code + " (class log)");
      }
      try (Stream<String> lines = Files.lines(log)) {
        return parse(lines.toList());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static ClassProfile parse(List<String> lines) {
    List<String> loads = lines.stream().filter(l -> l.contains("[class,load]")).toList();
    int cached = (int) loads.stream().filter(l -> l.contains(FROM_CACHE)).count();
    return new ClassProfile(loads.size(), loads.size() - cached);
  }
}
