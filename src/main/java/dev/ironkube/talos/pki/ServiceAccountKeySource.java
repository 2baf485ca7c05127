package dev.ironkube.talos.pki;

import java.security.KeyPair;

/**
 * Where a new cluster's RSA-4096 service-account key comes from when not searched for here. The
 * product registers none and searches for a fresh key ({@link RsaKeyGenerator}), which costs
 * seconds of CPU; the test classpath registers one through {@code META-INF/services} that hands out
 * a committed test key, because the suite makes about a hundred clusters. Whatever a source returns
 * must be an RSA key of exactly 4096 bits ({@link ServiceAccountKeys} refuses anything else), so no
 * source can lower what a cluster gets.
 */
public interface ServiceAccountKeySource {
  /** A key pair for one new cluster. */
  KeyPair next();
}
