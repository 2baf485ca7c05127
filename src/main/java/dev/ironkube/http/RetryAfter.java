package dev.ironkube.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a service asked us to wait, from the headers of its answer. RFC 9110 §10.2.3 allows
 * {@code Retry-After} as delay-seconds or as an HTTP-date; the date is measured against the same
 * answer's {@code Date} header (§6.6.1), so a skewed local clock cannot stretch or shrink the wait.
 * {@code Retry-After-Ms} (milliseconds, honoured first by the Stainless SDKs Cloudflare publishes)
 * wins when present. Anything unreadable or negative counts as no hint.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait the answer's headers ask for, if any. */
  public static Optional<Duration> of(ApiResponse response) {
    Optional<Duration> millis =
        response.header("Retry-After-Ms").flatMap(RetryAfter::number).map(Duration::ofMillis);
    if (millis.isPresent()) {
      return millis;
    }
    return response
        .header("Retry-After")
        .flatMap(
            value ->
                deltaSeconds(value)
                    .or(() -> date(value).flatMap(at -> untilDate(at, response.header("Date")))));
  }

  /** A delay-seconds value ({@code "120"}); empty when it is not a non-negative integer. */
  public static Optional<Duration> deltaSeconds(String text) {
    return number(text).map(Duration::ofSeconds);
  }

  private static Optional<Long> number(String text) {
    try {
      long value = Long.parseLong(text.strip());
      return value < 0 ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> untilDate(ZonedDateTime at, Optional<String> sent) {
    return sent.flatMap(RetryAfter::date)
        .map(now -> Duration.between(now, at))
        .map(d -> d.isNegative() ? Duration.ZERO : d);
  }

  /**
   * IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the form RFC 9110 requires senders use.
   */
  private static Optional<ZonedDateTime> date(String text) {
    try {
      return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
