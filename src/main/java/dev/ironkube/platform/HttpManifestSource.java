package dev.ironkube.platform;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Downloads a pinned manifest over HTTPS; the URL carries the version tag, so it never drifts. With
 * a mirror, the same file is fetched from the mirror at {@code <mirror>/<host>/<path>}: the layout
 * {@code wget --force-directories} gives a download, so a machine without the internet needs only a
 * plain web server over a folder.
 */
public final class HttpManifestSource implements ManifestSource {
  private final HttpClient http;
  private final URI mirror;

  public HttpManifestSource(HttpClient http, URI mirror) {
    this.http = http;
    this.mirror = mirror;
  }

  public HttpManifestSource(HttpClient http) {
    this(http, null);
  }

  public static HttpManifestSource create() {
    return create(null);
  }

  /**
   * @param mirror where the manifests are mirrored, or null to download them from where they live
   */
  public static HttpManifestSource create(URI mirror) {
    return new HttpManifestSource(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build(),
        mirror);
  }

  /** Where {@code url} is read from: itself, or its place on the mirror. */
  public URI source(URI url) {
    if (mirror == null) {
      return url;
    }
    String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
    return URI.create(base + url.getHost() + url.getRawPath());
  }

  @Override
  public String fetch(URI pinned) {
    URI url = source(pinned);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new OperationFailedException(
            "downloading " + url + " answered HTTP " + response.statusCode(),
            mirror == null
                ? "check the pinned version exists, or mirror it and set IRONKUBE_MANIFEST_MIRROR"
                : "put " + pinned + " on the mirror at " + url);
      }
      return response.body();
    } catch (IOException e) {
      throw new OperationFailedException(
          "cannot download " + url + ": " + why(e),
          mirror == null
              ? "check this machine's internet access, or mirror the manifest and set"
                  + " IRONKUBE_MANIFEST_MIRROR"
              : "check that the mirror " + mirror + " answers",
          ExitCodes.REMOTE_FAILURE,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while downloading " + url, "run again");
    }
  }

  /**
   * The JDK client's connection failures often carry no message (a refused connection is a bare
   * ConnectException): name the failure rather than print "null".
   */
  static String why(IOException e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().isBlank()) {
      return cause.getMessage();
    }
    return switch (e) {
      case ConnectException c -> "the connection was refused or the host is unreachable";
      case HttpTimeoutException t -> "no answer in time";
      default -> e.getClass().getSimpleName();
    };
  }
}
