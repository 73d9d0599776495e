/**
 * {@code kubectl qperf}: the wiring on top ({@link dev.kubectlqperf.plugin.QperfCli}, the factory
 * that injects, the error handler). Below it, each package imports only packages listed below
 * it (PackageStructureTest fails on a cycle):
 *
 * <pre>
 * command/     one class per subcommand
 * matrix/      the matrix subcommands (QperfMatrix): create, get, the heatmaps
 * schedule/    the schedule subcommands (QperfSchedule): create, get, and history with its sparklines
 * doctor/      doctor: its reads from the API server, the probe pods, the policy fix
 * helper/      the warm JVM that answers get, describe and results
 * run/         following a run to its end, its result document from the client pods
 * spec/        create's flags turned into spec fields (pure)
 * diagnosis/   doctor's checks: API data in, findings (✓ ✗ ! and a fix) out, the policy it offers (pure)
 * output/      tables, kubectl-style YAML, result printing (pure)
 * option/      the shared flags: kubectl's global flags, -o, a run's NAME, a matrix's nodes and scenarios
 * completion/  run names, the shell's completer, cobra's __complete for kubectl
 * context/     what commands get injected: stdin, the cluster connection, the command tree
 * kube/        the cluster connection, QperfApi, MatrixApi and ScheduleApi, the classes that call the API server
 * failure/     exit codes and the one-line message of an error
 * </pre>
 */
package dev.kubectlqperf.plugin;
