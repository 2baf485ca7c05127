package dev.ironkube.sim.talos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The unified diff machined shows of two configs, for a dry run's "Config diff:" and the refusal of
 * a change that needs a reboot. Upstream encodes both configs without comments (the v1alpha1
 * document first, then the others, joined by "---" lines: siderolabs/talos v1.13.9
 * pkg/machinery/config/container/container.go, encodeToBuf) and diffs the two texts
 * (pkg/machinery/config/configdiff/configdiff.go). The fake encodes the parsed documents with one
 * YAML encoder at Talos' 4-space indentation, so the diff shows what changed and never how the
 * bytes were laid out; the line layout of Talos' own encoder is not reproduced.
 *
 * <p>The text format depends on the release. 1.12 and later use
 * github.com/neticdk/go-stdlib/diff/myers with its unified formatter (pkg/machinery/textdiff/
 * textdiff.go; go-stdlib v1.0.1 diff/format.go): "--- a" and "+++ b", then hunks of three context
 * lines headed "@@ -start,count +start,count @@", counts always written, a zero-length side's start
 * one line before. 1.11 uses github.com/hexops/gotextdiff (v1.11.6 configdiff.go, outputDiff): the
 * same headers, but a count is written only when it is more than 1 ("@@ -5 +5 @@").
 */
final class ConfigDiff {
  private static final int CONTEXT = 3;

  /** Beyond this many changed lines on both sides the diff is all deletions then insertions. */
  private static final int MAX_MIDDLE = 4_000;

  private static final ObjectMapper YAML = mapper();

  private ConfigDiff() {}

  /** The documents as machined encodes a config: v1alpha1 first, then the others in order. */
  static String encode(List<JsonNode> documents) {
    List<JsonNode> ordered = new ArrayList<>();
    documents.stream().filter(ConfigDiff::isV1Alpha1).forEach(ordered::add);
    documents.stream().filter(d -> !isV1Alpha1(d)).forEach(ordered::add);
    StringBuilder out = new StringBuilder();
    for (JsonNode doc : ordered) {
      if (!out.isEmpty()) {
        out.append("---\n");
      }
      out.append(encode(doc));
    }
    return out.toString();
  }

  static String encode(JsonNode document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed document always encodes", e);
    }
  }

  /** The legacy machine config document: {@code version: v1alpha1}, no kind. */
  static boolean isV1Alpha1(JsonNode doc) {
    return doc.has("version") || !doc.has("kind");
  }

  /** The unified diff of {@code a} and {@code b} in {@code minor}'s format; "" when equal. */
  static String unified(String a, String b, TalosMinor minor) {
    if (a.equals(b)) {
      return "";
    }
    List<Edit> edits = edits(lines(a), lines(b));
    StringBuilder out = new StringBuilder("--- a\n+++ b\n");
    for (int[] range : hunks(edits)) {
      int aStart = 1;
      int bStart = 1;
      for (int i = 0; i < range[0]; i++) {
        aStart += edits.get(i).kind() == '+' ? 0 : 1;
        bStart += edits.get(i).kind() == '-' ? 0 : 1;
      }
      int aLen = 0;
      int bLen = 0;
      for (int i = range[0]; i < range[1]; i++) {
        aLen += edits.get(i).kind() == '+' ? 0 : 1;
        bLen += edits.get(i).kind() == '-' ? 0 : 1;
      }
      out.append("@@ -")
          .append(side(aStart, aLen, minor))
          .append(" +")
          .append(side(bStart, bLen, minor))
          .append(" @@\n");
      for (int i = range[0]; i < range[1]; i++) {
        out.append(edits.get(i).kind()).append(edits.get(i).text()).append('\n');
      }
    }
    return out.toString();
  }

  private static String side(int start, int length, TalosMinor minor) {
    if (minor.minor() <= 11) {
      return length > 1 ? start + "," + length : Integer.toString(start);
    }
    int shown = length == 0 && start > 0 ? start - 1 : start;
    return shown + "," + length;
  }

  /** One line of the edit script: ' ' kept, '-' only in a, '+' only in b. */
  record Edit(char kind, String text) {}

  /** Hunks as [from, to) ranges of the edit script: changes closer than 2 × context share one. */
  private static List<int[]> hunks(List<Edit> edits) {
    List<int[]> out = new ArrayList<>();
    int[] current = null;
    int lastChange = -1;
    for (int i = 0; i < edits.size(); i++) {
      if (edits.get(i).kind() == ' ') {
        continue;
      }
      if (current != null && i - lastChange <= 2 * CONTEXT) {
        current[1] = Math.min(edits.size(), i + CONTEXT + 1);
      } else {
        current = new int[] {Math.max(0, i - CONTEXT), Math.min(edits.size(), i + CONTEXT + 1)};
        out.add(current);
      }
      lastChange = i;
    }
    return out;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(text.lines().toList());
    return out;
  }

  /**
   * A shortest edit script: the common head and tail kept, the middle by longest common
   * subsequence, deletions before insertions where lines were replaced.
   */
  static List<Edit> edits(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<Edit> out = new ArrayList<>();
    for (int i = 0; i < head; i++) {
      out.add(new Edit(' ', a.get(i)));
    }
    middle(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail), out);
    for (int i = a.size() - tail; i < a.size(); i++) {
      out.add(new Edit(' ', a.get(i)));
    }
    return out;
  }

  private static void middle(List<String> a, List<String> b, List<Edit> out) {
    int n = a.size();
    int m = b.size();
    if (n == 0 || m == 0 || n > MAX_MIDDLE || m > MAX_MIDDLE) {
      a.forEach(line -> out.add(new Edit('-', line)));
      b.forEach(line -> out.add(new Edit('+', line)));
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Edit> deleted = new ArrayList<>();
    List<Edit> inserted = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        out.addAll(deleted);
        out.addAll(inserted);
        deleted.clear();
        inserted.clear();
        out.add(new Edit(' ', a.get(i)));
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        deleted.add(new Edit('-', a.get(i++)));
      } else {
        inserted.add(new Edit('+', b.get(j++)));
      }
    }
    out.addAll(deleted);
    out.addAll(inserted);
  }

  private static ObjectMapper mapper() {
    DumperOptions options = new DumperOptions();
    // Talos' encoder (gopkg.in/yaml.v3) indents by 4, sequences under their key included.
    options.setIndent(4);
    options.setIndicatorIndent(4);
    options.setIndentWithIndicator(true);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    return new ObjectMapper(
        YAMLFactory.builder()
            .dumperOptions(options)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());
  }
}
