package dev.ironkube.access;

import java.time.Duration;

/**
 * A lockdown proven from outside.
 *
 * @param target what was checked
 * @param probes how many rounds of probes it took until both ports were closed
 * @param took from the apply to the proof
 */
public record LockdownResult(LockdownTarget target, int probes, Duration took) {}
