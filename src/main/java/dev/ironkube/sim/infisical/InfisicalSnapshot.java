package dev.ironkube.sim.infisical;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The simulated Infisical project's folders, secrets (values included: the file holding this is
 * 0600), imports and folder ids, kept across a datacenter restart as the real instance keeps them.
 *
 * @param folders secrets by folder ({@code env:path}) and name, as the API answers them
 * @param imports each folder's imports as {@code [fromEnv, fromPath]}, in order
 */
public record InfisicalSnapshot(
    String projectId,
    Map<String, Map<String, ObjectNode>> folders,
    Map<String, List<List<String>>> imports,
    Map<String, String> folderIds) {}
