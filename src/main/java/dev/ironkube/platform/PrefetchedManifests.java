package dev.ironkube.platform;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's downloads, fetched once before anything is ordered and kept for the run: a
 * manifest that cannot be downloaded then refuses the run while it costs nothing, instead of
 * failing once Kubernetes is up and tearing down a cluster that was working.
 */
public final class PrefetchedManifests implements ManifestSource {
  private final ManifestSource source;
  private final Map<URI, String> fetched = new ConcurrentHashMap<>();

  public PrefetchedManifests(ManifestSource source) {
    this.source = source;
  }

  /** Every URL the platform of {@code spec} downloads from the operator's machine. */
  public static List<URI> neededBy(PlatformSpec spec) {
    return List.of(URI.create(spec.argoCdManifestUrl()));
  }

  /** Downloads {@code url} now and keeps it; returns its size in bytes. */
  public int prefetch(URI url) {
    String body;
    try {
      body = source.fetch(url);
    } catch (IronkubeException e) {
      throw e;
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new OperationFailedException(
          "cannot download " + url + ": " + why,
          "check this machine's internet access, or point spec.platform at a reachable copy",
          ExitCodes.REMOTE_FAILURE,
          e);
    }
    if (body == null || body.isBlank()) {
      throw new OperationFailedException(
          "downloading " + url + " gave an empty manifest",
          "check the pinned version exists, or point spec.platform at a reachable copy",
          ExitCodes.REMOTE_FAILURE,
          null);
    }
    fetched.put(url, body);
    return body.length();
  }

  @Override
  public String fetch(URI url) {
    String kept = fetched.get(url);
    return kept != null ? kept : source.fetch(url);
  }
}
