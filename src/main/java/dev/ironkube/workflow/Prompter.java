package dev.ironkube.workflow;

import java.util.List;
import java.util.Optional;

/** Questions to the person at the terminal; absent on non-interactive runs. */
public interface Prompter {
  /** Whether a person can answer (a terminal, and --yes not given). */
  boolean available();

  /** Index of the chosen option; {@code options} are shown numbered from 1. */
  int choose(String question, List<String> options, int defaultIndex);

  boolean confirm(String question, boolean defaultAnswer);

  /** Reads a secret without echoing it; empty when the person gave nothing. */
  Optional<String> secret(String question);

  /** For non-interactive runs: every question is unanswerable. */
  Prompter NONE =
      new Prompter() {
        @Override
        public boolean available() {
          return false;
        }

        @Override
        public int choose(String question, List<String> options, int defaultIndex) {
          throw new IllegalStateException("no terminal to ask: " + question);
        }

        @Override
        public boolean confirm(String question, boolean defaultAnswer) {
          return defaultAnswer;
        }

        @Override
        public Optional<String> secret(String question) {
          return Optional.empty();
        }
      };
}
