package dev.kubectlqperf.plugin.option;

/** The shapes a result document can be printed in ({@code -o}). */
public enum OutputFormat {
  table, json, yaml, csv
}
