package dev.kubectlqperf.model.result;

/**
 * The distribution of one metric's samples. {@code stddev} is the sample standard deviation
 * (n − 1); it, the coefficient of variation and the confidence interval are null for a single
 * sample, and the coefficient of variation also when the mean is zero.
 */
public record Summary(
    int count, double mean, Double stddev, Double cvPercent, double min, double p50, double p90, double p99,
    double max, Double ci95Low, Double ci95High) {}
