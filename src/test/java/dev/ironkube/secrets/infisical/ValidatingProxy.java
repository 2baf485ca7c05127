package dev.ironkube.secrets.infisical;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.FakeHttpServer.Recorded;
import dev.ironkube.http.FakeHttpServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sits between the client and the simulated Infisical and checks every request and every answer
 * against {@link InfisicalContract}, so one run proves both sides.
 */
final class ValidatingProxy implements AutoCloseable {
  private final FakeHttpServer front = new FakeHttpServer();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<String> exchanges = new CopyOnWriteArrayList<>();

  ValidatingProxy(URI target) {
    front.answer(r -> forward(target, r));
  }

  URI uri() {
    return front.uri();
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  /** "POST /api/v1/auth/universal-auth/login -> 200", in order. */
  List<String> exchanges() {
    return List.copyOf(exchanges);
  }

  private Reply forward(URI target, Recorded sent) {
    String query = sent.rawQuery() == null ? "" : "?" + sent.rawQuery();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + sent.path() + query))
            .timeout(Duration.ofSeconds(10))
            .method(sent.method(), HttpRequest.BodyPublishers.ofString(sent.body()));
    for (String header : new String[] {"Authorization", "Content-Type", "Accept"}) {
      if (sent.header(header) != null) {
        request.header(header, sent.header(header));
      }
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Reply.empty(599);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.empty(599);
    }
    check(sent, answer);
    exchanges.add(sent.method() + " " + sent.path() + " -> " + answer.statusCode());
    return Reply.json(answer.statusCode(), answer.body());
  }

  private void check(Recorded sent, HttpResponse<String> answer) {
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(Request.Method.valueOf(sent.method()), sent.path());
    sent.query().forEach(request::withQueryParam);
    sent.headers().forEach(request::withHeader);
    if (!sent.body().isEmpty()) {
      request.withBody(sent.body());
    }
    report(
        "request " + sent.method() + " " + sent.path(),
        InfisicalContract.validator().validateRequest(request.build()));
    SimpleResponse.Builder response =
        SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
    for (Map.Entry<String, List<String>> h : answer.headers().map().entrySet()) {
      response.withHeader(h.getKey(), h.getValue());
    }
    report(
        "answer " + answer.statusCode() + " to " + sent.method() + " " + sent.path(),
        InfisicalContract.validator()
            .validateResponse(
                sent.path(), Request.Method.valueOf(sent.method()), response.build()));
  }

  private void report(String what, ValidationReport report) {
    report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .forEach(m -> problems.add(what + ": " + m.getKey() + " " + m.getMessage()));
  }

  @Override
  public void close() {
    front.close();
  }
}
