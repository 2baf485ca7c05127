package dev.ironkube.store;

import dev.ironkube.settings.Secret;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The local credential store: a 0600 properties file at $IRONKUBE_HOME/credentials, keyed by
 * setting path ("secrets.latitude.apiKey"). The fallback when no secret manager holds a key.
 */
public final class CredentialStore {
  private final Path file;

  public CredentialStore(Path file) {
    this.file = file;
  }

  public Optional<Secret> get(String key) {
    return Optional.ofNullable(load().getProperty(key)).filter(s -> !s.isBlank()).map(Secret::of);
  }

  public void put(String key, Secret value) {
    Properties p = load();
    p.setProperty(key, value.reveal());
    StringWriter out = new StringWriter();
    out.write("# ironkube credentials; keep this file private (0600)\n");
    new TreeMap<>(p)
        .forEach((k, v) -> out.write(escape(k.toString()) + "=" + escape(v.toString()) + "\n"));
    SecureFiles.write(file, out.toString());
  }

  public Path file() {
    return file;
  }

  private Properties load() {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try {
        p.load(new StringReader(Files.readString(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the credential store " + file, e);
      }
    }
    return p;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '=', ':', '#', '!' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
