extension DiscreteCallback {
  /// After every step, projects the state back onto the manifold `g(u) = 0` of `constraints`
  /// conditions (DifferentialEquations.jl's `ManifoldProjection`): conserved energy, momentum,
  /// norms.
  ///
  /// The projection is the minimum-norm Gauss–Newton correction
  ///
  /// ```
  /// u ← u − Jᵀ (J Jᵀ)⁻¹ g(u),   J = ∂g/∂u (forward differences)
  /// ```
  ///
  /// repeated until `‖g(u)‖∞ ≤ tolerance` or `maxIterations`. It never fires as an event.
  public static func manifoldProjection(
    constraints m: Int,
    _ g: @escaping @Sendable (inout [Double], State, Parameters, Double) -> Void,
    tolerance: Double = 1e-12,
    maxIterations: Int = 10
  ) -> DiscreteCallback {
    DiscreteCallback(
      integratorCondition: { integrator in
        var u = integrator.u
        let n = u.count
        let p = integrator.p
        let t = integrator.t
        var residual = [Double](repeating: 0, count: m)
        var shifted = residual
        var jacobian = [Double](repeating: 0, count: m * n)  // row-major m × n
        for _ in 0..<maxIterations {
          g(&residual, u, p, t)
          if residual.allSatisfy({ abs($0) <= tolerance }) { break }
          for j in 0..<n {
            let uj = u[j]
            let h = (Double.ulpOfOne).squareRoot() * Swift.max(1, abs(Double(uj)))
            u[j] = uj + State.Scalar(h)
            g(&shifted, u, p, t)
            u[j] = uj
            for i in 0..<m { jacobian[i * n + j] = (shifted[i] - residual[i]) / h }
          }
          // Solve (J Jᵀ) y = g by Gaussian elimination with partial pivoting (m is small).
          var a = [Double](repeating: 0, count: m * m)
          for i in 0..<m {
            for k in 0..<m {
              var s = 0.0
              for j in 0..<n { s += jacobian[i * n + j] * jacobian[k * n + j] }
              a[i * m + k] = s
            }
          }
          guard let y = solveDense(&a, residual, m) else { break }
          for j in 0..<n {
            var correction = 0.0
            for i in 0..<m { correction += jacobian[i * n + j] * y[i] }
            u[j] -= State.Scalar(correction)
          }
        }
        integrator.u = u
        return false
      },
      affect: { _ in }, savePositions: (false, false), name: "manifoldProjection")
  }
}

/// Solves the `m × m` system `a x = b` in place (partial pivoting); `nil` if singular.
func solveDense(_ a: inout [Double], _ b: [Double], _ m: Int) -> [Double]? {
  var x = b
  for col in 0..<m {
    var pivot = col
    for row in (col + 1)..<Swift.max(col + 1, m)
    where abs(a[row * m + col]) > abs(a[pivot * m + col]) {
      pivot = row
    }
    if a[pivot * m + col] == 0 { return nil }
    if pivot != col {
      for k in 0..<m { a.swapAt(col * m + k, pivot * m + k) }
      x.swapAt(col, pivot)
    }
    for row in (col + 1)..<Swift.max(col + 1, m) {
      let factor = a[row * m + col] / a[col * m + col]
      for k in col..<m { a[row * m + k] -= factor * a[col * m + k] }
      x[row] -= factor * x[col]
    }
  }
  for row in stride(from: m - 1, through: 0, by: -1) {
    var s = x[row]
    for k in (row + 1)..<Swift.max(row + 1, m) { s -= a[row * m + k] * x[k] }
    x[row] = s / a[row * m + row]
  }
  return x
}
