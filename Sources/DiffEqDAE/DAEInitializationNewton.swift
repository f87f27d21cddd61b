import DiffEqBase

/// The damped Newton iteration the initialization policies share: `G(z) = 0` with a dense
/// Jacobian, the step halved (down to 1/1024) until `‖G‖₂` decreases (Armijo), converged when
/// the last step is within 1/1000 of the tolerance `abstolⱼ + reltol·|zⱼ|` in every
/// component (or, once rounding keeps `‖G‖₂` from decreasing, when the Newton correction
/// is within the tolerance), at most `maxIterations` steps. Used once per solve (it may
/// allocate).
enum DAEInitializationNewton {
  /// Solves in place; returns `nil` on success, else what went wrong.
  static func solve(
    _ z: inout [Double], maxIterations: Int, errorNorm: ErrorNorm,
    residual: ([Double]) -> [Double], jacobian: ([Double]) -> DenseMatrix,
    singular: () -> String
  ) -> String? {
    let n = z.count
    func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    var g = residual(z)
    for _ in 0..<maxIterations {
      let gNorm = norm(g)
      guard gNorm.isFinite else { return "the residual is not finite at the iterate" }
      if gNorm == 0 { return nil }
      var lu = LUFactorization(size: n)
      guard lu.factor(jacobian(z)) else { return singular() }
      var delta = g.map { -$0 }
      lu.solve(&delta)
      var lambda = 1.0
      var trial = z
      var gTrial = g
      var decreased = false
      while lambda >= 1.0 / 1024 {
        for i in 0..<n { trial[i] = z[i] + lambda * delta[i] }
        gTrial = residual(trial)
        let trialNorm = norm(gTrial)
        if trialNorm.isFinite && trialNorm <= (1 - 1e-4 * lambda) * gNorm {
          decreased = true
          break
        }
        lambda /= 2
      }
      func weighted(_ step: Double, _ v: [Double]) -> Double {
        var worst = 0.0
        for i in 0..<n {
          let atol = errorNorm.abstols.isEmpty ? errorNorm.abstol : errorNorm.abstols[i]
          worst = max(worst, abs(step * delta[i]) / (atol + errorNorm.reltol * abs(v[i])))
        }
        return worst
      }
      guard decreased else {
        // Rounding stops the decrease: done if the remaining correction is within tolerance.
        if weighted(1, z) <= 1 { return nil }
        return
          "the damped Newton iteration stalled at ‖F‖ = \(gNorm): no step along the Newton direction reduces the residual"
      }
      let worst = weighted(lambda, trial)
      z = trial
      g = gTrial
      if worst <= 1e-3 { return nil }
    }
    return "Newton's iteration did not converge in \(maxIterations) iterations"
  }
}
