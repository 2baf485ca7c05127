package dev.ironkube.workflow.provision;

import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.settings.Settings;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.ClusterSpec;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Prompter;
import dev.ironkube.workflow.Wait;
import java.time.Clock;

/**
 * What every phase of a provisioning run works with. The workflow reads the cluster from {@code
 * spec}; {@code settings} stays for the adapters' own options (timeouts, versions, extensions).
 */
public record ProvisionContext(
    ClusterSpec spec,
    Settings settings,
    BareMetalProvider provider,
    ImageSource images,
    ClusterFiles files,
    Journal journal,
    Gate gate,
    Progress progress,
    Prompter prompter,
    Cancellation cancellation,
    Clock clock,
    Wait waits) {}
