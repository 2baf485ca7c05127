package dev.ironkube.provider.scaleway;

import java.math.BigDecimal;

/**
 * Scaleway's money value: {@code {"currency_code":"EUR","units":0,"nanos":904000000}} is 0.904 EUR.
 * Kept as integers on the wire so that no price is ever rounded through a double.
 */
public record ScwMoney(String currencyCode, long units, long nanos) {

  public BigDecimal amount() {
    return BigDecimal.valueOf(units).add(BigDecimal.valueOf(nanos, 9)).stripTrailingZeros();
  }
}
