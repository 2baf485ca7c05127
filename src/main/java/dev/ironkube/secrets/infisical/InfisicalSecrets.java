package dev.ironkube.secrets.infisical;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.secrets.SecretSink;
import dev.ironkube.secrets.SecretSource;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Infisical as ironkube's {@link SecretSource} and {@link SecretSink} for one scope (project,
 * environment, path). Reads include imported paths; a name defined in the path itself beats the
 * same name imported, and an earlier import beats a later one.
 */
public final class InfisicalSecrets implements SecretSource, SecretSink {
  private final InfisicalClient client;
  private final InfisicalSession session;
  private final InfScope scope;

  public InfisicalSecrets(InfisicalClient client, InfisicalSession session, InfScope scope) {
    this.client = Objects.requireNonNull(client);
    this.session = Objects.requireNonNull(session);
    this.scope = Objects.requireNonNull(scope);
  }

  /**
   * Production wiring from INFISICAL_API_URL ({@code baseUri}, null for {@link
   * InfisicalClient#DEFAULT_BASE_URI}), the Universal Auth credentials and the scope; {@code
   * transport} adds listeners, clock or retry policy (identity for none).
   */
  public static InfisicalSecrets connect(
      URI baseUri,
      InfCredentials credentials,
      InfScope scope,
      Clock clock,
      UnaryOperator<JsonHttpBuilder> transport) {
    URI base = baseUri == null ? InfisicalClient.DEFAULT_BASE_URI : baseUri;
    InfisicalClient client =
        new InfisicalClient(() -> transport.apply(InfisicalClient.transport(base)));
    return new InfisicalSecrets(client, new InfisicalSession(client, credentials, clock), scope);
  }

  public InfisicalSession session() {
    return session;
  }

  @Override
  public String describe() {
    return "Infisical " + scope;
  }

  @Override
  public Map<String, String> fetch() {
    InfSecretList answer = session.call(token -> client.listSecrets(token, scope, true));
    Map<String, String> values = new LinkedHashMap<>();
    put(values, answer.secretList());
    for (InfSecretList.Import imported : answer.importList()) {
      put(values, imported.secretList());
    }
    return values;
  }

  private static void put(Map<String, String> values, List<InfSecret> secrets) {
    for (InfSecret secret : secrets) {
      if (secret.secretKey() == null || values.containsKey(secret.secretKey())) {
        continue;
      }
      if (secret.hidden()) {
        // The mask is not a value: using it would set a setting to "<hidden-by-infisical>".
        throw new RemoteServiceException.Unauthorized(
            InfisicalErrorDecoder.SERVICE,
            "Infisical hides the value of " + secret.secretKey() + " from this machine identity",
            "give the identity a role that may read secret values in this environment");
      }
      values.put(secret.secretKey(), secret.secretValue() == null ? "" : secret.secretValue());
    }
  }

  /**
   * Creates the secret in this scope's path, or updates it when it exists there already (read
   * first, so the common cases cost no failed request).
   */
  @Override
  public void put(String name, String value) {
    boolean exists =
        session.call(token -> client.listSecrets(token, scope, false)).secretList().stream()
            .anyMatch(s -> name.equals(s.secretKey()));
    if (exists) {
      session.call(token -> run(() -> client.updateSecret(token, scope, name, value)));
      return;
    }
    try {
      session.call(token -> run(() -> client.createSecret(token, scope, name, value)));
    } catch (RemoteServiceException.Conflict | RemoteServiceException.Rejected raced) {
      // Infisical answers an existing name with 400, like any other bad input: if someone created
      // it between the read and the write, overwrite it; if not, the create's failure stands.
      try {
        session.call(token -> run(() -> client.updateSecret(token, scope, name, value)));
      } catch (RemoteServiceException.NotFound notRaced) {
        throw raced;
      }
    }
  }

  @Override
  public void delete(String name) {
    try {
      session.call(token -> run(() -> client.deleteSecret(token, scope, name)));
    } catch (RemoteServiceException.NotFound gone) {
      // Already deleted, by an earlier attempt whose answer was lost or by a person.
    }
  }

  private static Void run(Runnable action) {
    action.run();
    return null;
  }

  @Override
  public String toString() {
    return "InfisicalSecrets[" + scope + "]";
  }
}
