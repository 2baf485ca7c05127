/**
 * The adapter a rolling upgrade ({@code dev.ironkube.workflow.upgrade}) reaches a running cluster
 * through: the Talos machine API and the Kubernetes API.
 */
package dev.ironkube.talos.upgrade;
