package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ironkube.http.FakeHttpServer.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks requests the client really sent against Latitude's published OpenAPI spec: paths, methods,
 * query parameters, headers and bodies. Loaded once per test JVM, it takes seconds.
 */
final class OpenApiContract {
  private OpenApiContract() {}

  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR = load();
  }

  private static OpenApiInteractionValidator load() {
    try {
      // The file is flow-style YAML that starts with "{", so swagger-parser takes it for JSON and
      // stops at the first unquoted key. Read as YAML and hand over real JSON instead.
      String yaml = Files.readString(Contracts.latitude().resolve("openapi.yaml"));
      String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
      return OpenApiInteractionValidator.createForInlineApiSpecification(json).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ValidationReport validate(Recorded sent) {
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(Request.Method.valueOf(sent.method()), sent.path());
    sent.query().forEach(request::withQueryParam);
    sent.headers().forEach(request::withHeader);
    if (!sent.body().isEmpty()) {
      request.withBody(sent.body());
    }
    return Holder.VALIDATOR.validateRequest(request.build());
  }

  /** Fails with every problem of every request listed. */
  static void assertAllValid(List<Recorded> sent) {
    assertThat(sent).as("requests sent to the fake Latitude").isNotEmpty();
    String problems =
        sent.stream()
            .map(r -> describe(r, validate(r)))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining("\n"));
    assertThat(problems).as("requests that break Latitude's OpenAPI contract").isEmpty();
  }

  private static String describe(Recorded sent, ValidationReport report) {
    if (!report.hasErrors()) {
      return "";
    }
    String target =
        sent.method() + " " + sent.path() + (sent.rawQuery() == null ? "" : "?" + sent.rawQuery());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> target + ": " + m.getKey() + " " + m.getMessage())
        .collect(Collectors.joining("\n"));
  }
}
