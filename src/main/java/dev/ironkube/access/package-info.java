/**
 * Access to a finished cluster: the lockdown that removes the operator's temporary firewall allows
 * once Teleport access is verified, and the outside check that the ports really closed.
 */
package dev.ironkube.access;
