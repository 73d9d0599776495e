package dev.kubectlqperf.model.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A pair or a node that is worse than the cluster: bandwidth below {@code outlierFraction} × the
 * cluster median of its scenario, or latency above the median / {@code outlierFraction}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outlier(
    @JsonPropertyDescription("The client's node, for a pair outlier.") String src,
    @JsonPropertyDescription("The server's node, for a pair outlier.") String dst,
    @JsonPropertyDescription("The node, for a node outlier.") String node,
    @JsonPropertyDescription("For a node outlier: Client (its row) or Server (its column).") Role role,
    Scenario scenario,
    Metric metric,
    @JsonPropertyDescription("The pair's value, or the node's median, in the metric's base unit (B/s, s).") double value,
    @JsonPropertyDescription("The cluster median it is compared with.") double clusterMedian) {

  public enum Metric { Bandwidth, Latency }

  public enum Role { Client, Server }

  public static Outlier pair(String src, String dst, Scenario scenario, Metric metric, double value, double median) {
    return new Outlier(src, dst, null, null, scenario, metric, value, median);
  }

  public static Outlier node(String node, Role role, Scenario scenario, Metric metric, double value, double median) {
    return new Outlier(null, null, node, role, scenario, metric, value, median);
  }
}
