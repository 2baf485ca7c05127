package dev.ironkube.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and writing multi-document YAML, and filling the templates shipped as resources. */
public final class Manifests {
  static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());
  static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  /** Every non-empty document of a multi-document YAML stream. */
  public static List<Manifest> parse(String yaml) {
    List<Manifest> out = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var docs = YAML.readValues(parser, JsonNode.class);
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc instanceof ObjectNode object && !object.isEmpty()) {
          out.add(new Manifest(object));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid YAML manifest stream", e);
    }
    return out;
  }

  /** Documents separated by {@code ---}, in order. */
  public static String toYaml(List<Manifest> manifests) {
    StringBuilder out = new StringBuilder();
    for (Manifest m : manifests) {
      if (!out.isEmpty()) {
        out.append("---\n");
      }
      try {
        out.append(YAML.writeValueAsString(m.json()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  /** A template from this package's resources with {@code ${key}} replaced. */
  static List<Manifest> template(String resource, Map<String, String> vars) {
    String text;
    try (InputStream in = Manifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> v : vars.entrySet()) {
      text = text.replace("${" + v.getKey() + "}", v.getValue());
    }
    if (text.contains("${")) {
      throw new IllegalStateException(resource + " has an unfilled placeholder");
    }
    return parse(text);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static Manifest namespace(String name, Map<String, String> labels) {
    ObjectNode ns = object().put("apiVersion", "v1").put("kind", "Namespace");
    ObjectNode meta = ns.putObject("metadata").put("name", name);
    if (!labels.isEmpty()) {
      ObjectNode l = meta.putObject("labels");
      labels.forEach(l::put);
    }
    return new Manifest(ns);
  }
}
