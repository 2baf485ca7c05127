package dev.ironkube.workflow;

/**
 * Narration of a run on stderr: titled phases, each with steps that show a spinner or a bar on a
 * terminal and plain timestamped lines elsewhere. Never carries secrets.
 */
public interface Progress {

  /** Starts a titled phase ("Provisioning server"). */
  void phase(String title);

  /** Starts a step of the current phase ("Creating project"). */
  Step step(String title);

  /** A line of narration under the current phase. */
  void info(String line);

  /** A warning the user should read. */
  void warn(String line);

  /** A step in progress. */
  interface Step {
    /**
     * @param detail current state ("deploying", "3/5 services healthy")
     * @param fraction 0..1 when the share done is known, negative when not
     */
    void update(String detail, double fraction);

    void done(String summary);

    void fail(String reason);
  }

  /** Discards everything; for commands that narrate nothing. */
  Progress SILENT =
      new Progress() {
        @Override
        public void phase(String title) {}

        @Override
        public Step step(String title) {
          return new Step() {
            @Override
            public void update(String detail, double fraction) {}

            @Override
            public void done(String summary) {}

            @Override
            public void fail(String reason) {}
          };
        }

        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
      };
}
