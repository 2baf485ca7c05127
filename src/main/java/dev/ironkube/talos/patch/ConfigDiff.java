package dev.ironkube.talos.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Two machine configs compared as Talos reads them (the same documents, whatever the formatting)
 * and shown as a unified diff of their redacted, normalised forms: "--- running" and "+++ desired"
 * headers, "@@ -a,b +c,d @@" hunks with three lines of context, as {@code diff -u} prints them.
 */
public final class ConfigDiff {
  private static final int CONTEXT = 3;

  private ConfigDiff() {}

  /** Whether both hold the same documents in the same order. */
  public static boolean same(byte[] running, byte[] desired) {
    List<ObjectNode> a = ConfigDocuments.parse(new String(running, StandardCharsets.UTF_8));
    List<ObjectNode> b = ConfigDocuments.parse(new String(desired, StandardCharsets.UTF_8));
    return a.equals(b);
  }

  /** The redacted unified diff; empty when the redacted forms are the same. */
  public static String unified(String name, byte[] running, byte[] desired) {
    List<String> a =
        ConfigRedaction.redact(new String(running, StandardCharsets.UTF_8)).lines().toList();
    List<String> b =
        ConfigRedaction.redact(new String(desired, StandardCharsets.UTF_8)).lines().toList();
    List<Line> script = script(a, b);
    if (script.stream().allMatch(l -> l.op == ' ')) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(name).append(" (running)\n");
    out.append("+++ ").append(name).append(" (desired)\n");
    int i = 0;
    while (i < script.size()) {
      if (script.get(i).op == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      // one hunk while the next change is within two contexts of the last
      int lastChange = i;
      for (int j = i + 1; j < script.size() && j - lastChange <= 2 * CONTEXT; j++) {
        if (script.get(j).op != ' ') {
          lastChange = j;
        }
      }
      int end = Math.min(script.size() - 1, lastChange + CONTEXT);
      hunk(out, script, start, end);
      i = end + 1;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Line> script, int start, int end) {
    int aStart = script.get(start).a;
    int bStart = script.get(start).b;
    int aCount = 0;
    int bCount = 0;
    for (int k = start; k <= end; k++) {
      char op = script.get(k).op;
      aCount += op == '+' ? 0 : 1;
      bCount += op == '-' ? 0 : 1;
    }
    out.append("@@ -")
        .append(range(aStart, aCount))
        .append(" +")
        .append(range(bStart, bCount))
        .append(" @@\n");
    for (int k = start; k <= end; k++) {
      out.append(script.get(k).op).append(script.get(k).text).append('\n');
    }
  }

  /** diff -u's range: "start,count", the start 0 for an empty range before the first line. */
  private static String range(int start, int count) {
    return count == 0
        ? (start - 1) + ",0"
        : count == 1 ? Integer.toString(start) : start + "," + count;
  }

  /**
   * The edit script from a longest common subsequence. Each line carries the 1-based line number it
   * has (or would follow) in each file, for the hunk headers.
   */
  private static List<Line> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Line> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        out.add(new Line(' ', a.get(i), i + 1, j + 1));
        i++;
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add(new Line('+', b.get(j), i + 1, j + 1));
        j++;
      } else {
        out.add(new Line('-', a.get(i), i + 1, j + 1));
        i++;
      }
    }
    return out;
  }

  private record Line(char op, String text, int a, int b) {}
}
