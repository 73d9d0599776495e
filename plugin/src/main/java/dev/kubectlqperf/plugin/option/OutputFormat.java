package dev.kubectlqperf.plugin.option;

/** Every shape the plugin prints ({@code -o}); each command takes the ones that fit what it prints. */
public enum OutputFormat {
  table, wide, name, json, yaml, csv, html
}
