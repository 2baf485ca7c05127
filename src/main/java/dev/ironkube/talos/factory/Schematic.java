package dev.ironkube.talos.factory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An Image Factory schematic: which official system extensions and extra kernel arguments a Talos
 * image carries. The factory names a schematic by the SHA-256 of its canonical YAML, so the same
 * content always yields the same id.
 *
 * @param officialExtensions such as "siderolabs/intel-ucode", in the order given
 * @param extraKernelArgs appended to the kernel command line of disk, ISO and PXE images
 */
public record Schematic(List<String> officialExtensions, List<String> extraKernelArgs) {

  /** The schematic without customisations, id 376567988ad3…b4ba. */
  public static final Schematic VANILLA = new Schematic(List.of(), List.of());

  public Schematic {
    officialExtensions = List.copyOf(officialExtensions);
    extraKernelArgs = List.copyOf(extraKernelArgs);
  }

  public static Schematic withExtensions(String... officialExtensions) {
    return new Schematic(List.of(officialExtensions), List.of());
  }

  /**
   * The YAML as the factory canonicalises it (Go yaml.v3: four-space indent, empty sections left
   * out, {@code customization: {}} when nothing is set). Also what is uploaded.
   */
  public String yaml() {
    if (officialExtensions.isEmpty() && extraKernelArgs.isEmpty()) {
      return "customization: {}\n";
    }
    StringBuilder yaml = new StringBuilder("customization:\n");
    if (!extraKernelArgs.isEmpty()) {
      yaml.append("    extraKernelArgs:\n");
      extraKernelArgs.forEach(arg -> yaml.append("        - ").append(quoted(arg)).append('\n'));
    }
    if (!officialExtensions.isEmpty()) {
      yaml.append("    systemExtensions:\n        officialExtensions:\n");
      officialExtensions.forEach(
          ext -> yaml.append("            - ").append(quoted(ext)).append('\n'));
    }
    return yaml.toString();
  }

  /**
   * The id the factory will assign, computed locally. Verified against published ids for the
   * vanilla schematic and for a single extension; uploading stays the authoritative path, since a
   * value that needs YAML quoting may be canonicalised differently.
   */
  public String localId() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(yaml().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Plain scalars stay bare as yaml.v3 writes them; anything YAML could misread is quoted. */
  private static String quoted(String value) {
    if (value.matches("[A-Za-z0-9][A-Za-z0-9_./=,-]*")
        && !value.matches("(?i)true|false|null|yes|no|on|off|~|[0-9.]+")) {
      return value;
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
