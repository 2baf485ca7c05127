package dev.ironkube.settings;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolved settings: every known path with its value and where the value came from. Immutable;
 * {@link #with} returns a copy. Secret values are only reachable through {@link #secret}, and
 * {@link #toString()} masks them.
 */
public final class Settings {
  /** A value and its origin. */
  public record Value(String raw, Source source) {}

  private final Map<String, Value> values;

  Settings(Map<String, Value> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings holding only the catalogue's defaults. */
  public static Settings defaults() {
    Map<String, Value> values = new LinkedHashMap<>();
    for (SettingDef def : SettingsCatalogue.all()) {
      if (def.defaultValue() != null) {
        values.put(def.path(), new Value(def.defaultValue(), Source.DEFAULT));
      }
    }
    return new Settings(values);
  }

  public Settings with(String path, String raw, Source source) {
    Map<String, Value> copy = new LinkedHashMap<>(values);
    if (raw == null) {
      copy.remove(path);
    } else {
      copy.put(path, new Value(raw, source));
    }
    return new Settings(copy);
  }

  public Optional<String> get(String path) {
    requirePublic(path);
    return Optional.ofNullable(values.get(path)).map(Value::raw).filter(s -> !s.isBlank());
  }

  public String require(String path) {
    return get(path).orElseThrow(() -> new IllegalStateException(path + " is not set"));
  }

  public Optional<Source> source(String path) {
    return Optional.ofNullable(values.get(path)).map(Value::source);
  }

  public boolean isSet(String path) {
    Value v = values.get(path);
    return v != null && !v.raw().isBlank();
  }

  /**
   * A secret value, redacted when printed; callers pass it straight to the client that needs it.
   */
  public Optional<Secret> secret(String path) {
    return Optional.ofNullable(values.get(path))
        .map(Value::raw)
        .filter(s -> !s.isBlank())
        .map(Secret::of);
  }

  /** Every value below {@code prefix}, keyed by the rest of its path ("argocd.version"). */
  public Map<String, String> under(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (path, v) -> {
          if (path.startsWith(prefix) && !v.raw().isBlank()) {
            out.put(path.substring(prefix.length()), v.raw());
          }
        });
    return out;
  }

  public List<String> list(String path) {
    return get(path).map(Settings::splitList).orElse(List.of());
  }

  public Duration duration(String path) {
    return DurationParser.parse(require(path));
  }

  public URI uri(String path) {
    return URI.create(stripTrailingSlash(require(path)));
  }

  public boolean flag(String path) {
    return get(path).map(Boolean::parseBoolean).orElse(false);
  }

  public String clusterName() {
    return require(SettingsCatalogue.NAME_PATH);
  }

  public String provider() {
    return require(SettingsCatalogue.PROVIDER);
  }

  /** Every value, secrets masked, in catalogue order: for `config show`. */
  public Map<String, Value> masked() {
    Map<String, Value> out = new LinkedHashMap<>();
    for (SettingDef def : SettingsCatalogue.all()) {
      Value v = values.get(def.path());
      if (v == null) {
        continue;
      }
      out.put(def.path(), def.secret() ? new Value(mask(v.raw()), v.source()) : v);
    }
    return out;
  }

  static List<String> splitList(String raw) {
    return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "" : "****";
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static void requirePublic(String path) {
    if (SettingsCatalogue.find(path).map(SettingDef::secret).orElse(false)) {
      throw new IllegalArgumentException(path + " is a secret: use secret()");
    }
  }

  @Override
  public String toString() {
    return "Settings" + masked();
  }
}
