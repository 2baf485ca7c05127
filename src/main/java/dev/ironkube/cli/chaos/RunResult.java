package dev.ironkube.cli.chaos;

import java.util.List;

/**
 * One chaos run: what was injected, how it ended, and every invariant it broke (none, ideally).
 *
 * @param outcome "provisioned", "failed-cleaned", "kept", "interrupted", "resumed",
 *     "destroyed-after-kill"
 */
public record RunResult(
    int index,
    long seed,
    String scenario,
    String outcome,
    int exitCode,
    String lastLine,
    long millis,
    List<String> faultsFired,
    List<String> violations) {}
