package dev.ironkube.http;

import java.util.Objects;
import java.util.function.Supplier;

/** A value made on first use, once, whichever thread asks first. */
public final class Once<T> implements Supplier<T> {
  private final Supplier<T> make;
  private T value;

  private Once(Supplier<T> make) {
    this.make = Objects.requireNonNull(make);
  }

  public static <T> Once<T> of(Supplier<T> make) {
    return make instanceof Once<T> once ? once : new Once<>(make);
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = Objects.requireNonNull(make.get());
    }
    return value;
  }
}
