package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side printing: a GET answered as a {@code meta.k8s.io} Table when the client's Accept asks
 * for one, as kubectl get does. The shapes follow kubernetes/kubernetes {@code
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go} (Table, TableColumnDefinition,
 * TableRow, IncludeObjectPolicy), the negotiation and row objects {@code
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go} ({@code asTable}: includeObject
 * defaults to Metadata, which puts a PartialObjectMetadata in each row), the built-in columns
 * {@link TableColumns}, and a custom resource's columns {@code
 * staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor/tableconvertor.go}
 * (Name, then the served version's additionalPrinterColumns, or Age when it has none: {@code
 * serveDefaultColumnsIfEmpty}).
 */
final class Tables {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ApiKind CRDS =
      new ApiKind(
          "apiextensions.k8s.io",
          "v1",
          "CustomResourceDefinition",
          "customresourcedefinitions",
          false);

  private final ObjectStore store;
  private final Clock clock;

  Tables(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The Table version an Accept header asks for: the first media range that is {@code
   * application/json} with {@code as=Table}, {@code g=meta.k8s.io} and {@code v=v1} or {@code
   * v1beta1}, as the apiserver's negotiation takes the client's first acceptable choice. Empty when
   * the client wants plain objects.
   */
  static Optional<String> requested(String accept) {
    if (accept == null) {
      return Optional.empty();
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      if (!parts[0].trim().equalsIgnoreCase("application/json")) {
        continue;
      }
      String as = "";
      String group = "";
      String version = "";
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].trim().split("=", 2);
        if (kv.length == 2) {
          switch (kv[0].trim()) {
            case "as" -> as = kv[1].trim();
            case "g" -> group = kv[1].trim();
            case "v" -> version = kv[1].trim();
            default -> {}
          }
        }
      }
      if (as.isEmpty()) {
        return Optional.empty();
      }
      if (as.equals("Table")
          && group.equals("meta.k8s.io")
          && (version.equals("v1") || version.equals("v1beta1"))) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code body} (one object or a list of {@code kind}) as a Table of {@code version}; {@code
   * includeObject} is the query parameter (None, Metadata or Object; empty means Metadata).
   */
  ObjectNode table(ApiKind kind, JsonNode body, String version, String includeObject) {
    Instant now = clock.instant();
    Optional<JsonNode> crd = customResourceDefinition(kind);
    List<CrdColumn> crdColumns = crd.map(c -> crdColumns(c, kind.version())).orElse(List.of());
    ObjectNode table = JSON.objectNode();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/" + version);
    ObjectNode meta = table.putObject("metadata");
    String rv = body.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty()) {
      meta.put("resourceVersion", rv);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    if (crd.isPresent()) {
      columns.add(TableColumns.name().json());
      crdColumns.forEach(c -> columns.add(c.definition().json()));
    } else {
      TableColumns.builtIn(kind.kind()).forEach(c -> columns.add(c.json()));
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (body.has("items")) {
      body.path("items").forEach(items::add);
    } else {
      items.add(body);
    }
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      row.set(
          "cells",
          crd.isPresent()
              ? crdCells(item, crdColumns, now)
              : TableColumns.builtInCells(kind.kind(), item, now));
      if (kind.kind().equals("Pod")) {
        podConditions(row, item);
      }
      JsonNode object = rowObject(item, version, includeObject);
      if (object != null) {
        row.set("object", object);
      }
    }
    return table;
  }

  /**
   * {@code printPod}'s row conditions: Completed/True with reason Succeeded or Failed for a pod in
   * a terminal phase.
   */
  private static void podConditions(ObjectNode row, JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      row.putArray("conditions")
          .addObject()
          .put("type", "Completed")
          .put("status", "True")
          .put("reason", phase)
          .put(
              "message",
              phase.equals("Succeeded")
                  ? "The pod has completed successfully."
                  : "The pod failed.");
    }
  }

  /** {@code asTable}: None drops the object, Object keeps it whole, Metadata keeps metadata. */
  private static JsonNode rowObject(JsonNode item, String version, String includeObject) {
    return switch (includeObject == null ? "" : includeObject) {
      case "None" -> null;
      case "Object" -> item;
      default -> {
        ObjectNode partial = JSON.objectNode();
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/" + version);
        partial.set("metadata", item.path("metadata").deepCopy());
        yield partial;
      }
    };
  }

  private Optional<JsonNode> customResourceDefinition(ApiKind kind) {
    return store.list(CRDS, null).stream()
        .map(JsonNode.class::cast)
        .filter(c -> c.path("spec").path("group").asText().equals(kind.group()))
        .filter(c -> c.path("spec").path("names").path("plural").asText().equals(kind.plural()))
        .findFirst();
  }

  /** One additionalPrinterColumn: its definition and the dotted JSONPath it reads. */
  private record CrdColumn(TableColumns.Column definition, String jsonPath) {}

  private static List<CrdColumn> crdColumns(JsonNode crd, String version) {
    JsonNode declared = JSON.arrayNode();
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals(version)) {
        declared = v.path("additionalPrinterColumns");
      }
    }
    List<CrdColumn> columns = new ArrayList<>();
    for (JsonNode c : declared) {
      String path = c.path("jsonPath").asText();
      String description =
          c.path("description")
              .asText("Custom resource definition column (in JSONPath format): " + path);
      columns.add(
          new CrdColumn(
              new TableColumns.Column(
                  c.path("name").asText(),
                  c.path("type").asText(),
                  c.path("format").asText(""),
                  description,
                  c.path("priority").asInt(0)),
              path));
    }
    if (columns.isEmpty()) {
      columns.add(
          new CrdColumn(
              new TableColumns.Column("Age", "date", "", TableColumns.age().description(), 0),
              ".metadata.creationTimestamp"));
    }
    return columns;
  }

  /**
   * The convertor's cells: the name, then each column's value at its JSONPath, null when missing; a
   * string column prints the value as text, a date column as the human age ({@code
   * cellForJSONValue}), integer/number/boolean columns the JSON value of that type.
   */
  private static ArrayNode crdCells(JsonNode item, List<CrdColumn> columns, Instant now) {
    ArrayNode cells = JSON.arrayNode();
    cells.add(item.path("metadata").path("name").asText());
    for (CrdColumn c : columns) {
      JsonNode value = item;
      for (String step : c.jsonPath().replaceFirst("^\\.", "").split("\\.")) {
        value = value.path(step);
      }
      if (value.isMissingNode() || value.isNull()) {
        cells.addNull();
        continue;
      }
      switch (c.definition().type()) {
        case "string" -> cells.add(value.isTextual() ? value.asText() : value.toString());
        case "date" -> cells.add(value.isTextual() ? TableColumns.age(value.asText(), now) : null);
        case "integer" -> {
          if (value.isNumber()) {
            cells.add(value.asLong());
          } else {
            cells.addNull();
          }
        }
        case "number" -> {
          if (value.isNumber()) {
            cells.add(value.asDouble());
          } else {
            cells.addNull();
          }
        }
        case "boolean" -> {
          if (value.isBoolean()) {
            cells.add(value.asBoolean());
          } else {
            cells.addNull();
          }
        }
        default -> cells.addNull();
      }
    }
    return cells;
  }
}
