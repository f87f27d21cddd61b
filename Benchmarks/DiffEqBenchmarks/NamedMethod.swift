/// A method of a suite known by its label alone: the problem's solve closure picks the
/// solver from the name (the large stiff and DAE suites mix FBDF, QNDF, Rosenbrock and DFBDF,
/// which share no algorithm protocol).
struct NamedMethod: BenchmarkMethod {
  /// The label in the tables and the CSV (`"FBDF"`, `"FBDF(GMRES)"`, `"DFBDF"`, …).
  let name: String
}
