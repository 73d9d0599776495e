package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubectlqperf.model.QperfPhase;
import dev.kubectlqperf.model.SinkDelivery;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Observed state of a matrix, bounded in size whatever the cluster's: the full pair table goes to
 * the sinks, the status keeps progress, medians, outliers and at most {@link MatrixSummarizer#MAX_PAIRS}
 * pairs (outliers first). Mutable like {@code QperfStatus}: copy, change, patch when it differs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QperfMatrixStatus {

  @JsonPropertyDescription("Pending, Starting, Running, Completed or Failed.")
  private QperfPhase phase;

  private List<Condition> conditions;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  private String startTime;
  private String completionTime;

  @JsonPropertyDescription("Machine-readable reason of the current phase, e.g. NoNodes.")
  private String reason;

  @JsonPropertyDescription("Human-readable explanation.")
  private String message;

  @JsonPropertyDescription("The spec this matrix started with, defaults filled in: an edit mid-run changes nothing.")
  private QperfMatrixSpec runSpec;

  @JsonPropertyDescription("The nodes chosen when the matrix started; the plan is computed from them and the run spec.")
  private List<MatrixNode> nodes;

  private MatrixProgress progress;

  @JsonPropertyDescription("Passed, Degraded (outliers) or Failed (a pair failed or missed a threshold).")
  private MatrixVerdict verdict;

  @JsonPropertyDescription("The cluster medians per scenario.")
  private List<ScenarioMedians> medians;

  @JsonPropertyDescription("Per node and scenario, the medians of its row (as client) and column (as server).")
  private List<NodeMedians> nodeMedians;

  @JsonPropertyDescription("True when nodeMedians or outlierNodes leave some out (outlier nodes and the worst come first).")
  private Boolean nodeMediansTruncated;

  @JsonPropertyDescription("Pairs below the outlier fraction of the cluster median.")
  private List<Outlier> outlierPairs;

  @JsonPropertyDescription("Nodes whose row or column median is below the outlier fraction of the cluster median.")
  private List<Outlier> outlierNodes;

  @JsonPropertyDescription("Pair results: failed pairs and outliers first, then the others, at most "
      + MatrixSummarizer.MAX_PAIRS + ".")
  private List<PairResult> pairs;

  @JsonPropertyDescription("True when pairs or outlierPairs leave some pairs out (the sinks have them all).")
  private Boolean pairsTruncated;

  @JsonPropertyDescription("The matrix's one Slack message (its children post none): Pending from the status write "
      + "that ends the matrix, Delivered once posted.")
  private SinkDelivery slack;

  public QperfMatrixStatus() {}

  /** A copy whose lists are new; their elements are immutable records. */
  public QperfMatrixStatus copy() {
    QperfMatrixStatus c = new QperfMatrixStatus();
    c.phase = phase;
    c.conditions = copyOf(conditions);
    c.observedGeneration = observedGeneration;
    c.startTime = startTime;
    c.completionTime = completionTime;
    c.reason = reason;
    c.message = message;
    c.runSpec = runSpec;
    c.nodes = copyOf(nodes);
    c.progress = progress;
    c.verdict = verdict;
    c.medians = copyOf(medians);
    c.nodeMedians = copyOf(nodeMedians);
    c.nodeMediansTruncated = nodeMediansTruncated;
    c.outlierPairs = copyOf(outlierPairs);
    c.outlierNodes = copyOf(outlierNodes);
    c.pairs = copyOf(pairs);
    c.pairsTruncated = pairsTruncated;
    c.slack = slack;
    return c;
  }

  private static <T> List<T> copyOf(List<T> list) {
    return list == null ? null : new ArrayList<>(list);
  }

  public QperfPhase getPhase() { return phase; }
  public QperfMatrixStatus setPhase(QperfPhase phase) { this.phase = phase; return this; }
  public List<Condition> getConditions() { return conditions; }
  public QperfMatrixStatus setConditions(List<Condition> conditions) { this.conditions = conditions; return this; }
  public Long getObservedGeneration() { return observedGeneration; }
  public QperfMatrixStatus setObservedGeneration(Long g) { this.observedGeneration = g; return this; }
  public String getStartTime() { return startTime; }
  public QperfMatrixStatus setStartTime(String startTime) { this.startTime = startTime; return this; }
  public String getCompletionTime() { return completionTime; }
  public QperfMatrixStatus setCompletionTime(String t) { this.completionTime = t; return this; }
  public String getReason() { return reason; }
  public QperfMatrixStatus setReason(String reason) { this.reason = reason; return this; }
  public String getMessage() { return message; }
  public QperfMatrixStatus setMessage(String message) { this.message = message; return this; }
  public QperfMatrixSpec getRunSpec() { return runSpec; }
  public QperfMatrixStatus setRunSpec(QperfMatrixSpec runSpec) { this.runSpec = runSpec; return this; }
  public List<MatrixNode> getNodes() { return nodes; }
  public QperfMatrixStatus setNodes(List<MatrixNode> nodes) { this.nodes = nodes; return this; }
  public MatrixProgress getProgress() { return progress; }
  public QperfMatrixStatus setProgress(MatrixProgress progress) { this.progress = progress; return this; }
  public MatrixVerdict getVerdict() { return verdict; }
  public QperfMatrixStatus setVerdict(MatrixVerdict verdict) { this.verdict = verdict; return this; }
  public List<ScenarioMedians> getMedians() { return medians; }
  public QperfMatrixStatus setMedians(List<ScenarioMedians> medians) { this.medians = medians; return this; }
  public List<NodeMedians> getNodeMedians() { return nodeMedians; }
  public QperfMatrixStatus setNodeMedians(List<NodeMedians> m) { this.nodeMedians = m; return this; }
  public Boolean getNodeMediansTruncated() { return nodeMediansTruncated; }
  public QperfMatrixStatus setNodeMediansTruncated(Boolean t) { this.nodeMediansTruncated = t; return this; }
  public List<Outlier> getOutlierPairs() { return outlierPairs; }
  public QperfMatrixStatus setOutlierPairs(List<Outlier> o) { this.outlierPairs = o; return this; }
  public List<Outlier> getOutlierNodes() { return outlierNodes; }
  public QperfMatrixStatus setOutlierNodes(List<Outlier> o) { this.outlierNodes = o; return this; }
  public List<PairResult> getPairs() { return pairs; }
  public QperfMatrixStatus setPairs(List<PairResult> pairs) { this.pairs = pairs; return this; }
  public Boolean getPairsTruncated() { return pairsTruncated; }
  public QperfMatrixStatus setPairsTruncated(Boolean t) { this.pairsTruncated = t; return this; }
  public SinkDelivery getSlack() { return slack; }
  public QperfMatrixStatus setSlack(SinkDelivery slack) { this.slack = slack; return this; }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof QperfMatrixStatus s)) return false;
    return phase == s.phase && Objects.equals(conditions, s.conditions)
        && Objects.equals(observedGeneration, s.observedGeneration) && Objects.equals(startTime, s.startTime)
        && Objects.equals(completionTime, s.completionTime) && Objects.equals(reason, s.reason)
        && Objects.equals(message, s.message) && Objects.equals(runSpec, s.runSpec) && Objects.equals(nodes, s.nodes)
        && Objects.equals(progress, s.progress) && verdict == s.verdict && Objects.equals(medians, s.medians)
        && Objects.equals(nodeMedians, s.nodeMedians)
        && Objects.equals(nodeMediansTruncated, s.nodeMediansTruncated) && Objects.equals(outlierPairs, s.outlierPairs)
        && Objects.equals(outlierNodes, s.outlierNodes) && Objects.equals(pairs, s.pairs)
        && Objects.equals(pairsTruncated, s.pairsTruncated) && Objects.equals(slack, s.slack);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, conditions, observedGeneration, startTime, completionTime, reason, message, runSpec, nodes,
        progress, verdict, medians, nodeMedians, nodeMediansTruncated, outlierPairs, outlierNodes, pairs, pairsTruncated,
        slack);
  }
}
