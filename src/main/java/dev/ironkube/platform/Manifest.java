package dev.ironkube.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Kubernetes object as ironkube renders it: plain JSON, independent of any client library. */
public record Manifest(ObjectNode json) {

  public String apiVersion() {
    return json.path("apiVersion").asText();
  }

  public String kind() {
    return json.path("kind").asText();
  }

  public String name() {
    return json.path("metadata").path("name").asText();
  }

  /** Empty for cluster-scoped objects. */
  public String namespace() {
    return json.path("metadata").path("namespace").asText("");
  }

  /** "Kind namespace/name", for messages and duplicate detection. */
  public String id() {
    return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
  }
}
