package dev.ironkube.talos.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;

/**
 * YAML as the Talos files need it: no "---" before the first document, plain scalars where safe,
 * literal blocks for multi-line strings (inline manifests stay readable), 2-space indentation.
 * Inputs are trees of ordered maps, lists and scalars, so key order is the caller's.
 */
public final class TalosYaml {
  private static final ObjectMapper MAPPER = createMapper();

  private TalosYaml() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One document, without a leading separator. */
  public static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML", e);
    }
  }

  /** A multi-document stream: documents joined by "---" lines, the way Talos splits them. */
  public static String writeDocuments(List<?> documents) {
    StringBuilder out = new StringBuilder();
    for (Object document : documents) {
      if (!out.isEmpty()) {
        out.append("---\n");
      }
      out.append(write(document));
    }
    return out.toString();
  }

  /** Every document of a YAML stream as a tree; empty documents are skipped. */
  public static List<JsonNode> readDocuments(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          documents.add(node);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  private static ObjectMapper createMapper() {
    DumperOptions options = new DumperOptions();
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    // Long base64 PEM values must stay on one line, as talosctl writes them.
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .dumperOptions(options)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // A name such as "1234" must stay a string, or Talos' strict decoder rejects it.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    return new ObjectMapper(factory);
  }
}
