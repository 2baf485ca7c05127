package dev.ironkube.harness.chaos;

import java.util.List;

/**
 * One chaos run: what was injected, how it ended, and every invariant it broke (none, ideally).
 *
 * @param profile the provider, and the integrations when on ("scaleway+dns+infisical+teleport")
 * @param topology control planes and workers ("1cp", "3cp+1w")
 * @param scaledDown whether a successful multi-node run then lost a worker to `scale`
 * @param interruptAt the phase a Ctrl-C was aimed at, or null
 * @param outcome "provisioned", "failed-cleaned", "kept", "left-running", "interrupted",
 *     "resumed-…", "destroyed-after-kill"
 */
public record RunResult(
    int index,
    long seed,
    String scenario,
    String profile,
    String topology,
    boolean scaledDown,
    String interruptAt,
    String outcome,
    int exitCode,
    String lastLine,
    long millis,
    List<String> faultsFired,
    List<String> violations) {}
