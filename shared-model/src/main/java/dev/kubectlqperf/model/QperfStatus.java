package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import dev.kubectlqperf.model.result.MetricStatistics;
import dev.kubectlqperf.model.result.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Observed state of a run. {@code running} and {@code completed} keep Kubestone's meaning
 * (completed is true when the run ended, whether it succeeded or not); {@code phase} and the
 * conditions tell which. Mutable on purpose: the pipeline copies it, changes it, and patches it
 * only when the copy differs ({@link #equals}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QperfStatus {

  @JsonPropertyDescription("Kubestone: the benchmark is executing.")
  private Boolean running;

  @JsonPropertyDescription("Kubestone: the benchmark ended, regardless of its success.")
  private Boolean completed;

  @JsonPropertyDescription("Pending, Starting, Running, Completed or Failed.")
  private QperfPhase phase;

  private List<Condition> conditions;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  private String startTime;
  private String completionTime;
  private String serverNode;
  private String clientNode;

  @JsonPropertyDescription("The IP family of the server's Service: the one the run measures over.")
  private IpFamily ipFamily;

  @JsonPropertyDescription("Machine-readable reason of the current phase, e.g. ClientFailed.")
  private String reason;

  @JsonPropertyDescription("Human-readable explanation, e.g. qperf's own error message.")
  private String message;

  @JsonPropertyDescription("One line with the headline result of each test.")
  private String headline;

  @JsonPropertyDescription("Headline metrics per test; the full document is in the client log and the sinks.")
  private List<TestSummary> results;

  @JsonPropertyDescription("Statistics of the headline metrics over the repetitions (and loop iterations).")
  private List<MetricStatistics> statistics;

  @JsonPropertyDescription("Statistics of the sums over the parallel streams (bandwidths and rates), over the repetitions.")
  private List<MetricStatistics> aggregate;

  @JsonPropertyDescription("How far apart the parallel streams started, in seconds: the largest of the repetitions.")
  private Double startSkewSeconds;

  @JsonPropertyDescription("Passed or Failed: whether the results met every threshold of the spec. Absent without thresholds.")
  private Verdict.Outcome verdict;

  @JsonPropertyDescription("Delivery state of the result per sink.")
  private Map<String, SinkDelivery> sinks;

  @JsonPropertyDescription("The spec this run started with, defaults filled in: an edit of a running Qperf does not "
      + "change its run.")
  private QperfSpec runSpec;

  @JsonPropertyDescription("How many times a client pod was started again because it could not reach the server yet (name or "
      + "ClusterIP not set up when the server became ready).")
  private Integer clientRetries;

  public QperfStatus() {}

  /** A deep-enough copy: lists and maps are new, their elements are immutable or replaced whole. */
  public QperfStatus copy() {
    QperfStatus c = new QperfStatus();
    c.running = running;
    c.completed = completed;
    c.phase = phase;
    c.conditions = conditions == null ? null : new ArrayList<>(conditions);
    c.observedGeneration = observedGeneration;
    c.startTime = startTime;
    c.completionTime = completionTime;
    c.serverNode = serverNode;
    c.clientNode = clientNode;
    c.ipFamily = ipFamily;
    c.reason = reason;
    c.message = message;
    c.headline = headline;
    c.results = results == null ? null : new ArrayList<>(results);
    c.statistics = statistics == null ? null : new ArrayList<>(statistics);
    c.aggregate = aggregate == null ? null : new ArrayList<>(aggregate);
    c.startSkewSeconds = startSkewSeconds;
    c.verdict = verdict;
    c.sinks = sinks == null ? null : new LinkedHashMap<>(sinks);
    c.runSpec = runSpec;
    c.clientRetries = clientRetries;
    return c;
  }

  public Boolean getRunning() { return running; }
  public QperfStatus setRunning(Boolean running) { this.running = running; return this; }
  public Boolean getCompleted() { return completed; }
  public QperfStatus setCompleted(Boolean completed) { this.completed = completed; return this; }
  public QperfPhase getPhase() { return phase; }
  public QperfStatus setPhase(QperfPhase phase) { this.phase = phase; return this; }
  public List<Condition> getConditions() { return conditions; }
  public QperfStatus setConditions(List<Condition> conditions) { this.conditions = conditions; return this; }
  public Long getObservedGeneration() { return observedGeneration; }
  public QperfStatus setObservedGeneration(Long g) { this.observedGeneration = g; return this; }
  public String getStartTime() { return startTime; }
  public QperfStatus setStartTime(String startTime) { this.startTime = startTime; return this; }
  public String getCompletionTime() { return completionTime; }
  public QperfStatus setCompletionTime(String t) { this.completionTime = t; return this; }
  public String getServerNode() { return serverNode; }
  public QperfStatus setServerNode(String serverNode) { this.serverNode = serverNode; return this; }
  public String getClientNode() { return clientNode; }
  public QperfStatus setClientNode(String clientNode) { this.clientNode = clientNode; return this; }
  public IpFamily getIpFamily() { return ipFamily; }
  public QperfStatus setIpFamily(IpFamily ipFamily) { this.ipFamily = ipFamily; return this; }
  public String getReason() { return reason; }
  public QperfStatus setReason(String reason) { this.reason = reason; return this; }
  public String getMessage() { return message; }
  public QperfStatus setMessage(String message) { this.message = message; return this; }
  public String getHeadline() { return headline; }
  public QperfStatus setHeadline(String headline) { this.headline = headline; return this; }
  public List<TestSummary> getResults() { return results; }
  public QperfStatus setResults(List<TestSummary> results) { this.results = results; return this; }
  public List<MetricStatistics> getStatistics() { return statistics; }
  public QperfStatus setStatistics(List<MetricStatistics> s) { this.statistics = s; return this; }
  public List<MetricStatistics> getAggregate() { return aggregate; }
  public QperfStatus setAggregate(List<MetricStatistics> a) { this.aggregate = a; return this; }
  public Double getStartSkewSeconds() { return startSkewSeconds; }
  public QperfStatus setStartSkewSeconds(Double s) { this.startSkewSeconds = s; return this; }
  public Verdict.Outcome getVerdict() { return verdict; }
  public QperfStatus setVerdict(Verdict.Outcome verdict) { this.verdict = verdict; return this; }
  public Map<String, SinkDelivery> getSinks() { return sinks; }
  public QperfStatus setSinks(Map<String, SinkDelivery> sinks) { this.sinks = sinks; return this; }
  public QperfSpec getRunSpec() { return runSpec; }
  public QperfStatus setRunSpec(QperfSpec runSpec) { this.runSpec = runSpec; return this; }
  public Integer getClientRetries() { return clientRetries; }
  public QperfStatus setClientRetries(Integer clientRetries) { this.clientRetries = clientRetries; return this; }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof QperfStatus s)) return false;
    return Objects.equals(running, s.running) && Objects.equals(completed, s.completed)
        && phase == s.phase && Objects.equals(conditions, s.conditions)
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(startTime, s.startTime) && Objects.equals(completionTime, s.completionTime)
        && Objects.equals(serverNode, s.serverNode) && Objects.equals(clientNode, s.clientNode)
        && ipFamily == s.ipFamily
        && Objects.equals(reason, s.reason) && Objects.equals(message, s.message)
        && Objects.equals(headline, s.headline) && Objects.equals(results, s.results)
        && Objects.equals(statistics, s.statistics) && Objects.equals(aggregate, s.aggregate)
        && Objects.equals(startSkewSeconds, s.startSkewSeconds) && verdict == s.verdict && Objects.equals(sinks, s.sinks)
        && Objects.equals(runSpec, s.runSpec) && Objects.equals(clientRetries, s.clientRetries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(running, completed, phase, conditions, observedGeneration, startTime,
        completionTime, serverNode, clientNode, ipFamily, reason, message, headline, results, statistics, aggregate,
        startSkewSeconds, verdict, sinks,
        runSpec, clientRetries);
  }
}
