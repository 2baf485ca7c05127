package dev.ironkube.provider.scaleway;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the OS the pivot starts from. It only lives for minutes, but its cloud-init must run the
 * pivot script, so it must support cloud-init and be installable on the offer. Ubuntu comes first
 * because the script's tools (curl, xz, zstd, lsblk, findmnt) ship in its server image; a newer
 * release wins over an older one.
 */
final class PivotOs {
  private PivotOs() {}

  static Optional<ScwOs> choose(List<ScwOs> candidates, ScwOffer offer) {
    List<String> incompatible =
        offer.incompatibleOsIds() == null ? List.of() : offer.incompatibleOsIds();
    return candidates.stream()
        .filter(ScwOs::usableForPivot)
        .filter(os -> !incompatible.contains(os.id()))
        .min(Comparator.comparingInt(PivotOs::family).thenComparing(PivotOs::version));
  }

  /** Lower is preferred. */
  private static int family(ScwOs os) {
    String name = os.name() == null ? "" : os.name().toLowerCase(Locale.ROOT);
    if (name.startsWith("ubuntu")) {
      return 0;
    }
    return name.startsWith("debian") ? 1 : 2;
  }

  /** Sorts newest first: "24.04 LTS" before "22.04 LTS". */
  private static String version(ScwOs os) {
    String v = os.version() == null ? "" : os.version();
    StringBuilder inverted = new StringBuilder();
    for (char c : v.toCharArray()) {
      inverted.append(Character.isDigit(c) ? (char) ('9' - c + '0') : c);
    }
    return inverted.toString();
  }
}
