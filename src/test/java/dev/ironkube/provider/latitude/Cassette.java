package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A go-vcr v2 cassette: real requests and the responses Latitude gave them. */
record Cassette(List<Interaction> interactions) {

  record Interaction(Request request, Response response) {
    String method() {
      return request.method();
    }

    /** The path without host or query, as the client will request it. */
    String path() {
      return URI.create(request.url()).getRawPath();
    }
  }

  record Request(String method, String url, String body) {}

  record Response(int code, String body, Map<String, List<String>> headers) {}

  static Cassette load(String file) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    Path path = Contracts.recorded(file);
    try {
      return yaml.readValue(path.toFile(), Cassette.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cassette " + path, e);
    }
  }

  /** The interactions for one method and path, in recorded order. */
  List<Interaction> matching(String method, String path) {
    return interactions.stream()
        .filter(i -> i.method().equals(method) && i.path().equals(path))
        .toList();
  }

  Response first(String method, String path) {
    List<Interaction> found = matching(method, path);
    if (found.isEmpty()) {
      throw new IllegalStateException("cassette has no " + method + " " + path);
    }
    return found.getFirst().response();
  }
}
