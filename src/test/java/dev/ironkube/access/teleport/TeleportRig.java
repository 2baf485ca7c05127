package dev.ironkube.access.teleport;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.teleport.TeleportAuthFake;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A simulated Auth Service and a client holding the identity it issued, on one movable clock. */
final class TeleportRig implements AutoCloseable {
  final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T04:00:00Z"));
  final Faults faults;
  final TeleportAuthFake auth;
  final Path identityFile;
  final TeleportClient client;

  TeleportRig(Path dir, Faults faults) {
    this.faults = faults;
    this.auth = new TeleportAuthFake("sim.teleport.example", TimeModel.instant(), faults, clock);
    this.identityFile = auth.writeIdentityFile(dir.resolve("identity"));
    this.client =
        new TeleportClient(
            auth.proxyAddress(), TeleportIdentity.read(identityFile), clock, new SecureRandom());
  }

  @Override
  public void close() {
    client.close();
    auth.close();
  }

  /** Time that moves only when a test (or its sleeper) says so. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
