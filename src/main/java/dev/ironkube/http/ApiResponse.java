package dev.ironkube.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response as received, before any decoding, so that error decoders see everything. */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  public boolean hasBody() {
    return body.length > 0 && !bodyText().isBlank();
  }
}
