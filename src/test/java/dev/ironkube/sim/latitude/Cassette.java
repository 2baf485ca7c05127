package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ironkube.sim.Contracts;
import dev.ironkube.sim.SimHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The interactions of one recorded go-vcr cassette of real Latitude traffic. */
record Cassette(String name, List<Interaction> interactions) {

  record Interaction(String method, String url, int status, String body) {
    JsonNode json() {
      try {
        return SimHttp.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("recorded body is not JSON: " + body, e);
      }
    }
  }

  static Cassette load(String relative) throws IOException {
    JsonNode root =
        new YAMLMapper()
            .readTree(Contracts.dir("latitude").resolve("recorded").resolve(relative).toFile());
    List<Interaction> interactions = new ArrayList<>();
    for (JsonNode i : root.get("interactions")) {
      interactions.add(
          new Interaction(
              i.at("/request/method").asText(),
              i.at("/request/url").asText(),
              i.at("/response/code").asInt(),
              i.at("/response/body").asText()));
    }
    return new Cassette(relative, interactions);
  }

  /** The first interaction with this method and status whose URL ends with {@code urlSuffix}. */
  Interaction find(String method, String urlSuffix, int status) {
    return interactions.stream()
        .filter(i -> i.method().equals(method) && i.status() == status)
        .filter(i -> i.url().replaceAll("\\?.*$", "").matches(".*" + urlSuffix))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(name + " has no " + method + " " + urlSuffix + " " + status));
  }
}
