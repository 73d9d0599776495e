package dev.kubectlqperf.plugin.run;

import dev.kubectlqperf.model.Qperf;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.QperfStatus;
import dev.kubectlqperf.model.result.Verdict;
import dev.kubectlqperf.plugin.failure.CliException;
import dev.kubectlqperf.plugin.failure.ExitCodes;
import dev.kubectlqperf.plugin.kube.QperfApi;
import dev.kubectlqperf.plugin.option.OutputFormat;
import dev.kubectlqperf.plugin.output.ResultPrinter;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows a run to its end: a live progress line on a terminal, one line per phase otherwise;
 * then the results. Exit 0 when it completed and met its thresholds, 1 when it failed or did not.
 */
public final class RunFollower {

  /** How long after a run's own timeout to give up waiting for a pipeline to finish it. */
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final Duration NO_PIPELINE_HINT = Duration.ofSeconds(20);

  private final QperfApi api;
  private final boolean terminal;
  private final PrintWriter out;
  private final PrintWriter err;

  public RunFollower(QperfApi api, boolean terminal, PrintWriter out, PrintWriter err) {
    this.api = api;
    this.terminal = terminal;
    this.out = out;
    this.err = err;
  }

  public int follow(Qperf created) throws InterruptedException {
    String name = created.getMetadata().getName();
    long timeout = created.getSpec().effectiveTimeoutSeconds();
    Instant start = Instant.now();
    Instant giveUp = start.plusSeconds(timeout).plus(GRACE);
    BlockingQueue<Qperf> updates = new LinkedBlockingQueue<>();
    Qperf current = created;
    boolean hinted = false;
    String lastLine = null;
    try (var watch = api.watch(name, new Watcher<>() {
      @Override
      public void eventReceived(Action action, Qperf q) {
        updates.add(q);
      }

      @Override
      public void onClose(WatcherException cause) { }
    })) {
      while (!current.ended()) {
        Qperf update = updates.poll(1, TimeUnit.SECONDS);
        current = update != null ? update : current;
        Duration elapsed = Duration.between(start, Instant.now());
        String line = progress(current, elapsed, timeout);
        if (terminal) {
          out.print("\r\033[K" + line);
          out.flush();
        } else if (!line.equals(lastLine) && update != null) {
          out.println(line);
          out.flush();
        }
        lastLine = line;
        if (!hinted && current.getStatus() == null && elapsed.compareTo(NO_PIPELINE_HINT) > 0) {
          err.println("note: no pipeline has picked up " + name + " yet; is one running? (./install.sh starts one)");
          err.flush();
          hinted = true;
        }
        if (Instant.now().isAfter(giveUp)) {
          throw new CliException(ExitCodes.FAILURE, "gave up waiting: " + name + " is still "
              + phase(current) + " " + GRACE.toSeconds() + " s after its timeout; is the pipeline running?");
        }
      }
    }
    if (terminal) {
      out.print("\r\033[K");
    }
    return report(current);
  }

  private int report(Qperf done) {
    QperfStatus s = done.getStatus();
    boolean completed = s.getPhase() == QperfPhase.Completed;
    out.println(done.getMetadata().getName() + ": " + s.getPhase() + (completed ? "" : " (" + s.getReason() + ")")
        + (s.getMessage() == null ? "" : ": " + s.getMessage()));
    try {
      new ResultPrinter().print(ClientResults.load(api, done), OutputFormat.table, out);
    } catch (CliException e) {
      if (s.getHeadline() != null) {
        out.println(s.getHeadline());
      }
      if (s.getVerdict() != null) {
        out.println("Verdict: " + s.getVerdict());
      }
    }
    out.flush();
    return completed && s.getVerdict() != Verdict.Outcome.Failed ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static String phase(Qperf q) {
    return q.getStatus() == null || q.getStatus().getPhase() == null ? "Pending" : q.getStatus().getPhase().name();
  }

  private static String progress(Qperf q, Duration elapsed, long timeout) {
    String message = q.getStatus() == null || q.getStatus().getMessage() == null ? "" : "  " + q.getStatus().getMessage();
    return q.getMetadata().getName() + "  " + phase(q) + "  " + elapsed.toSeconds() + "s / timeout " + timeout + "s"
        + message;
  }
}
