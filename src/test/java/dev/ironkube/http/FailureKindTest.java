package dev.ironkube.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.RemoteServiceException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared status ladder, row by row. Expectations follow RFC 9110 §15 (status classes, 408 may
 * be repeated) and what the services' own SDKs retry (Stainless: 408, 429, ≥500; see
 * reference/scaleway-cloudflare-infisical.md §B.7).
 */
class FailureKindTest {

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "300, REJECTED",
    "304, REJECTED",
    "400, REJECTED",
    "401, UNAUTHORIZED",
    "402, REJECTED",
    "403, UNAUTHORIZED",
    "404, NOT_FOUND",
    "405, REJECTED",
    "408, TRANSIENT",
    "409, CONFLICT",
    "410, REJECTED",
    "422, REJECTED",
    "423, REJECTED",
    "429, RATE_LIMITED",
    "500, TRANSIENT",
    "501, TRANSIENT",
    "502, TRANSIENT",
    "503, TRANSIENT",
    "504, TRANSIENT",
    "520, TRANSIENT",
    "599, TRANSIENT",
  })
  void eachStatusHasOneKind(int status, FailureKind kind) {
    assertThat(FailureKind.of(status)).isEqualTo(kind);
  }

  @Test
  void everyOtherFourHundredIsARejection() {
    IntStream.rangeClosed(400, 499)
        .filter(s -> !List.of(401, 403, 404, 408, 409, 429).contains(s))
        .forEach(
            s -> assertThat(FailureKind.of(s)).as("HTTP %d", s).isEqualTo(FailureKind.REJECTED));
  }

  @Test
  void eachKindBuildsItsTypedFailure() {
    Duration wait = Duration.ofSeconds(7);
    assertThat(FailureKind.UNAUTHORIZED.failure("S", "m", "h", wait))
        .isInstanceOf(RemoteServiceException.Unauthorized.class)
        .extracting(RemoteServiceException::hint)
        .isEqualTo("h");
    assertThat(FailureKind.NOT_FOUND.failure("S", "m", "h", wait))
        .isInstanceOf(RemoteServiceException.NotFound.class);
    assertThat(FailureKind.CONFLICT.failure("S", "m", "h", wait))
        .isInstanceOf(RemoteServiceException.Conflict.class);
    assertThat(FailureKind.REJECTED.failure("S", "m", "h", wait))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .satisfies(e -> assertThat(e.retryable()).isFalse());
    assertThat(FailureKind.TRANSIENT.failure("S", "m", "h", wait))
        .isInstanceOf(RemoteServiceException.Transient.class)
        .satisfies(e -> assertThat(e.retryable()).isTrue());
    RemoteServiceException limited = FailureKind.RATE_LIMITED.failure("S", "m", "h", wait);
    assertThat(limited).isInstanceOf(RemoteServiceException.RateLimited.class);
    assertThat(((RemoteServiceException.RateLimited) limited).retryAfter()).contains(wait);
    assertThat(limited.service()).isEqualTo("S");
    assertThat(limited.getMessage()).isEqualTo("m");
    assertThat(
            ((RemoteServiceException.RateLimited)
                    FailureKind.RATE_LIMITED.failure("S", "m", "", null))
                .retryAfter())
        .isEmpty();
  }

  @Test
  void retryAfterInDelaySeconds() {
    assertThat(RetryAfter.of(answer(Map.of("Retry-After", "120"))))
        .contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.of(answer(Map.of("retry-after", " 0 ")))).contains(Duration.ZERO);
  }

  @Test
  void retryAfterAsHttpDateCountsFromTheAnswersDate() {
    assertThat(
            RetryAfter.of(
                answer(
                    Map.of(
                        "Retry-After", "Fri, 04 Dec 2026 23:01:30 GMT",
                        "Date", "Fri, 04 Dec 2026 23:00:00 GMT"))))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void retryAfterDateInThePastMeansNow() {
    assertThat(
            RetryAfter.of(
                answer(
                    Map.of(
                        "Retry-After", "Fri, 04 Dec 2026 22:59:00 GMT",
                        "Date", "Fri, 04 Dec 2026 23:00:00 GMT"))))
        .contains(Duration.ZERO);
  }

  @Test
  void retryAfterDateWithoutTheAnswersDateIsNoHint() {
    assertThat(RetryAfter.of(answer(Map.of("Retry-After", "Fri, 04 Dec 2026 23:01:30 GMT"))))
        .isEmpty();
  }

  @Test
  void retryAfterMillisecondsWinOverSeconds() {
    assertThat(RetryAfter.of(answer(Map.of("Retry-After-Ms", "1500", "Retry-After", "9"))))
        .contains(Duration.ofMillis(1500));
  }

  @Test
  void unreadableOrNegativeRetryAfterIsNoHint() {
    assertThat(RetryAfter.of(answer(Map.of()))).isEmpty();
    assertThat(RetryAfter.of(answer(Map.of("Retry-After", "-5")))).isEmpty();
    assertThat(RetryAfter.of(answer(Map.of("Retry-After", "soon")))).isEmpty();
    assertThat(RetryAfter.of(answer(Map.of("Retry-After", "1.5")))).isEmpty();
    assertThat(RetryAfter.of(answer(Map.of("Retry-After-Ms", "x", "Retry-After", "3"))))
        .contains(Duration.ofSeconds(3));
  }

  private static ApiResponse answer(Map<String, String> headers) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    return new ApiResponse(429, multi, new byte[0]);
  }
}
