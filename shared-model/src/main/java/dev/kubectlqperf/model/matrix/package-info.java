/**
 * The topology matrix ({@link dev.kubectlqperf.model.matrix.QperfMatrix}, plural {@code qperfmatrices},
 * short name {@code qpm}): one child {@code Qperf} per ordered node pair and scenario. Everything
 * here is pure; the pipeline and the plugin do the I/O around it, in this order:
 * <ol>
 *   <li>{@link dev.kubectlqperf.model.matrix.MatrixValidator#validate} the matrix, then freeze
 *       {@code spec.withDefaults(..)} into {@code status.runSpec};</li>
 *   <li>{@link dev.kubectlqperf.model.matrix.NodeSelection#select} the listed nodes, freeze them into
 *       {@code status.nodes};</li>
 *   <li>{@link dev.kubectlqperf.model.matrix.MatrixPlanner#plan} (nodes, run spec): rounds of
 *       node-disjoint pairs; the same input gives the same plan after a restart;</li>
 *   <li>per pair of the current round, create {@link dev.kubectlqperf.model.matrix.MatrixChildren#child}
 *       (name, labels, owner reference, placed spec); start the next round when every child of this
 *       one has ended;</li>
 *   <li>read each child back with {@link dev.kubectlqperf.model.matrix.PairResults#fromChild}, then
 *       {@link dev.kubectlqperf.model.matrix.MatrixProgress#of} and
 *       {@link dev.kubectlqperf.model.matrix.MatrixSummarizer#summarize}{@code .applyTo(status)}.</li>
 * </ol>
 * The client runs on a pair's {@code src} node, the server on its {@code dst} node.
 */
package dev.kubectlqperf.model.matrix;
