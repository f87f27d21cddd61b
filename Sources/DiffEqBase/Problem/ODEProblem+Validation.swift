extension ODEProblem {
  /// Checks the problem and the options once, before a solve, and throws a ``DiffEqError``
  /// that names the offending field and the fix.
  ///
  /// Checked: `u0` finite and non-empty; `tspan` finite with `t₀ ≠ t_f`; `abstol` (each
  /// component) ≥ 0 and finite, and of `u0`'s size when componentwise; `reltol` ≥ 0 and finite,
  /// and not both tolerances zero; `dt` finite and nonzero, required when `adaptive: false`;
  /// `dtMin`, `dtMax` positive; `maxIters` positive; `saveAt` and `tstops` finite and
  /// `saveAt` inside the span.
  public func validate(_ options: ODESolverOptions, methodIsAdaptive: Bool) throws {
    let (t0, tf) = tspan
    if u0.count == 0 {
      throw DiffEqError(
        field: "u0", message: "the initial state is empty; give at least one component")
    }
    if let i = u0.firstNonFiniteIndex {
      throw DiffEqError(
        field: "u0", message: "component \(i) is \(u0[i]); every initial value must be finite")
    }
    if !t0.isFinite || !tf.isFinite {
      throw DiffEqError(
        field: "tspan", message: "(\(t0), \(tf)) is not finite; give finite start and end times")
    }
    if t0 == tf {
      throw DiffEqError(
        field: "tspan",
        message:
          "start and end are both \(t0); give a span of nonzero length (t_f < t₀ integrates backwards)"
      )
    }
    switch options.abstol {
    case .scalar(let a):
      if !(a >= 0) || !a.isFinite {
        throw DiffEqError(
          field: "abstol", message: "\(a) is not a finite non-negative number; use e.g. 1e-6")
      }
    case .componentwise(let a):
      if a.count != u0.count {
        throw DiffEqError(
          field: "abstol",
          message:
            "has \(a.count) components but u0 has \(u0.count); give one tolerance per component or a scalar"
        )
      }
      if let i = a.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
        throw DiffEqError(
          field: "abstol",
          message: "component \(i) is \(a[i]); tolerances must be finite and non-negative")
      }
    }
    let r = options.reltol
    if !(r >= 0) || !r.isFinite {
      throw DiffEqError(
        field: "reltol", message: "\(r) is not a finite non-negative number; use e.g. 1e-3")
    }
    let abstolIsZero: Bool
    switch options.abstol {
    case .scalar(let a): abstolIsZero = a == 0
    case .componentwise(let a): abstolIsZero = a.contains(0)
    }
    if abstolIsZero && r == 0 {
      throw DiffEqError(
        field: "reltol", message: "abstol and reltol are both zero; at least one must be positive")
    }
    let adaptive = options.adaptive ?? methodIsAdaptive
    if adaptive && !methodIsAdaptive {
      throw DiffEqError(
        field: "adaptive",
        message:
          "this method has no error estimator; pass adaptive: false with a dt, or choose an adaptive method"
      )
    }
    if let dt = options.dt, !dt.isFinite || dt == 0 {
      throw DiffEqError(
        field: "dt", message: "\(dt) is not a finite nonzero step; give e.g. dt: 0.01")
    }
    if !adaptive && options.dt == nil {
      throw DiffEqError(
        field: "dt", message: "fixed-step mode (adaptive: false) needs a step size; pass dt:")
    }
    for (name, value) in [("dtMin", options.dtMin), ("dtMax", options.dtMax)] {
      if let v = value, !(v > 0) || v.isNaN {
        throw DiffEqError(field: name, message: "\(v) must be positive")
      }
    }
    if options.maxIters <= 0 {
      throw DiffEqError(field: "maxIters", message: "\(options.maxIters) must be positive")
    }
    let lo = Swift.min(t0, tf)
    let hi = Swift.max(t0, tf)
    if let s = options.saveAt.first(where: { !$0.isFinite || $0 < lo || $0 > hi }) {
      throw DiffEqError(
        field: "saveAt",
        message: "\(s) is outside the span [\(lo), \(hi)]; give save times inside tspan")
    }
    if let s = options.tstops.first(where: { !$0.isFinite }) {
      throw DiffEqError(field: "tstops", message: "\(s) is not finite; give finite stopping times")
    }
    for (name, value) in [("qmin", options.qmin), ("qmax", options.qmax), ("gamma", options.gamma)]
    {
      if let v = value, !(v > 0) || !v.isFinite {
        throw DiffEqError(field: name, message: "\(v) must be a finite positive number")
      }
    }
    try validateStiffFields()
  }

  /// Checks the mass matrix (square, of `u0`'s size, finite), the Jacobian prototype's
  /// bandwidths, and the analytic Jacobian at `(u₀, p, t₀)` (finite).
  public func validateStiffFields() throws {
    let n = u0.count
    if let m = massMatrix {
      guard let dense = m.dense else {
        throw DiffEqError(
          field: "massMatrix",
          message: "the rows are not all of the same length as their count; give a square matrix")
      }
      if dense.rows != n {
        throw DiffEqError(
          field: "massMatrix",
          message:
            "is \(dense.rows)×\(dense.columns) but u0 has \(n) components; give an \(n)×\(n) matrix"
        )
      }
      if let (i, j) = dense.firstNonFiniteEntry {
        throw DiffEqError(
          field: "massMatrix", message: "entry (\(i), \(j)) is \(dense[i, j]); it must be finite")
      }
    }
    if case .banded(let lower, let upper) = jacPrototype,
      lower < 0 || upper < 0 || lower >= Swift.max(n, 1) || upper >= Swift.max(n, 1)
    {
      throw DiffEqError(
        field: "jacPrototype",
        message: "bandwidths (\(lower), \(upper)) must be between 0 and n − 1 = \(n - 1)")
    }
    if case .sparse(let pattern) = jacPrototype, pattern.rows != n || pattern.columns != n {
      throw DiffEqError(
        field: "jacPrototype",
        message:
          "the sparsity pattern is \(pattern.rows)×\(pattern.columns) but u0 has \(n) components; give an \(n)×\(n) pattern"
      )
    }
    if let jac {
      var j = DenseMatrix(size: n)
      jac(&j, u0, p, tspan.0)
      if let (r, c) = j.firstNonFiniteEntry {
        throw DiffEqError(
          field: "jac",
          message:
            "entry (\(r), \(c)) of the Jacobian at (u0, p, t0) is \(j[r, c]); it must be finite")
      }
    }
  }
}
