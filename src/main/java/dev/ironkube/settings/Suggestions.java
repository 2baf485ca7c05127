package dev.ironkube.settings;

/** Finds the known setting path nearest to a mistyped one, for "did you mean" hints. */
final class Suggestions {
  private Suggestions() {}

  static String closest(String path) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (SettingDef def : SettingsCatalogue.all()) {
      int d = distance(path.toLowerCase(), def.path().toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = def.path();
      }
    }
    return bestDistance <= Math.max(2, path.length() / 4) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
