/**
 * The simulated Teleport Auth Service ironkube's Teleport client talks to in tests and sim runs.
 */
package dev.ironkube.sim.teleport;
