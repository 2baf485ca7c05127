package dev.ironkube.sim.scaleway;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the fake holds; routes run under its monitor, one at a time. */
final class ScalewayState {
  final Map<String, SshKeyRecord> sshKeys = new LinkedHashMap<>();
  final Map<String, SimServer> servers = new LinkedHashMap<>();
}
