package dev.kubectlqperf.model.stats;

/** The two-sided 95 % quantile of Student's t distribution: t(0.975, degrees of freedom). */
final class StudentT {

  /** t(0.975, df) for df = 1 … 30, from the standard tables. */
  private static final double[] TABLE = {
      12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252,
      2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688,
      2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845,
      2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142,
      2.045229642, 2.042272456};

  /** The standard normal 0.975 quantile, the limit as df grows. */
  private static final double Z = 1.959963985;

  private StudentT() {}

  static double quantile975(int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
    }
    if (degreesOfFreedom <= TABLE.length) {
      return TABLE[degreesOfFreedom - 1];
    }
    // Cornish-Fisher expansion around the normal quantile: within 1e-6 of the exact value above df 30.
    double n = degreesOfFreedom;
    double z3 = Math.pow(Z, 3);
    double z5 = Math.pow(Z, 5);
    double z7 = Math.pow(Z, 7);
    return Z + (z3 + Z) / (4 * n)
        + (5 * z5 + 16 * z3 + 3 * Z) / (96 * n * n)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * Z) / (384 * n * n * n);
  }
}
