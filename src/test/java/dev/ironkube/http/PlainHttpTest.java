package dev.ironkube.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A client built for plain http never talks TLS: an https request through it fails closed. */
class PlainHttpTest {
  @Test
  void onlyPlainHttpUrisSkipTheTlsSetUp() {
    assertThat(PlainHttp.plain(URI.create("http://127.0.0.1:8080/v1"))).isTrue();
    assertThat(PlainHttp.plain(URI.create("https://api.latitude.sh"))).isFalse();
  }

  @Test
  void anHttpsRequestThroughAPlainClientIsRefusedNotSentUnverified() {
    HttpClient client = PlainHttp.withoutTls(HttpClient.newBuilder()).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:9/")).build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
        .hasStackTraceContaining("plain http:// URI");
  }
}
