import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A build step, run with the build's JDK (25) on the merged jar after shading: rewrites the class
 * files of the named packages that are older than Java 6 (major version below 50) as Java 8 class
 * files (major 52), with the stack map frames the JDK's class-file API computes for them.
 *
 * <p>Why: the JDK's AOT cache (JEP 483/514) leaves out classes older than Java 6 ("Old class has
 * been linked"), and picocli ships Java 5 class files, so every start of ironkube loaded, parsed
 * and verified picocli's 170-odd classes from the jar with the old type-inferring verifier, and
 * built the command model outside the cache. As Java 8 class files they are cached like ours.
 * Nothing but the version and the frames changes; the JVM verifies the frames on every load that
 * does not come from the cache, so a wrong frame fails loudly (VerifyError), not silently.
 *
 * <p>Usage: {@code java ModernBytecode.java JAR PACKAGE-PREFIX...} (prefixes as paths: picocli/).
 */
public final class ModernBytecode {
  private static final int OLDEST_WITH_FRAMES = 50;
  private static final int TARGET_MAJOR = 52;

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ModernBytecode JAR PACKAGE-PREFIX...");
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    List<String> prefixes = List.of(args).subList(1, args.length);
    int raised = 0;
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
      ClassHierarchyResolver resolver =
          ClassHierarchyResolver.defaultResolver()
              .orElse(ClassHierarchyResolver.ofResourceParsing(desc -> open(zip, desc)))
              .cached();
      ClassFile cf =
          ClassFile.of(
              ClassFile.ClassHierarchyResolverOption.of(resolver),
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
      for (String prefix : prefixes) {
        Path root = zip.getPath("/" + prefix);
        if (!Files.isDirectory(root)) {
          throw new IOException(jar + " has no " + prefix);
        }
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(root)) {
          classes = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path p : classes) {
          byte[] bytes = Files.readAllBytes(p);
          ClassModel model = cf.parse(bytes);
          if (model.majorVersion() >= OLDEST_WITH_FRAMES) {
            continue;
          }
          Files.write(p, cf.transformClass(model, raise()));
          raised++;
        }
      }
    }
    System.out.println("ModernBytecode: " + raised + " class files raised to Java 8 in " + jar);
  }

  /** Rebuilds every method body (so frames are computed) and sets the new version. */
  private static ClassTransform raise() {
    ClassTransform version =
        (builder, element) -> {
          if (element instanceof ClassFileVersion) {
            builder.withVersion(TARGET_MAJOR, 0);
          } else {
            builder.with(element);
          }
        };
    return version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
  }

  private static InputStream open(FileSystem zip, java.lang.constant.ClassDesc desc) {
    String name = desc.descriptorString();
    Path p = zip.getPath("/" + name.substring(1, name.length() - 1) + ".class");
    try {
      return Files.exists(p) ? new ByteArrayInputStream(Files.readAllBytes(p)) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
