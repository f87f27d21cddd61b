import DiffEqBase

extension SDEStepper {
  /// The noise index of component `i` (diagonal: `i`; scalar: 0).
  @inlinable
  func noiseIndex(_ i: Int) -> Int {
    noise == .scalar ? 0 : i
  }

  /// One step of an SRI method (see ``SRITableau``), returning its error estimate.
  @inlinable
  mutating func sriStep<F: ODEFunction>(
    _ tableau: SRITableau, _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, dt: Double,
    u: State, unew: inout State, errorNorm: ErrorNorm, computeError: Bool,
    stats: inout SolverStats
  ) -> Double where F.State == State {
    let n = u.count
    let s = tableau.stageCount
    let sqrtH = abs(dt).squareRoot()
    for i in 0..<s {
      let row = i * (i - 1) / 2
      for idx in 0..<n {
        let k = noiseIndex(idx)
        let chi2 = (dW[k] + dZ[k] / 3.0.squareRoot()) / 2
        var a0 = 0.0
        var a1 = 0.0
        var b0 = 0.0
        var b1 = 0.0
        for j in 0..<i {
          let fj = Double(fStages[j][idx])
          let gj = Double(gStages[j][idx])
          a0 += tableau.a0[row + j] * fj
          a1 += tableau.a1[row + j] * fj
          b0 += tableau.b0[row + j] * gj
          b1 += tableau.b1[row + j] * gj
        }
        let ui = Double(u[idx])
        h0[idx] = State.Scalar(ui + dt * a0 + chi2 * b0)
        h1[idx] = State.Scalar(ui + dt * a1 + sqrtH * b1)
      }
      f(&fStages[i], h0, p, t + tableau.c0[i] * dt)
      g?(&gStages[i], h1, pp, t + tableau.c1[i] * dt)
    }
    stats.nf += s
    var acc = 0.0
    for idx in 0..<n {
      let k = noiseIndex(idx)
      let w = dW[k]
      let chi1 = (w * w - abs(dt)) / (2 * sqrtH)
      let chi2 = (w + dZ[k] / 3.0.squareRoot()) / 2
      let chi3 = (w * w * w - 3 * dt * w) / (6 * dt)
      var drift = 0.0
      var noiseSum = 0.0
      var e2 = 0.0
      var e1 = 0.0
      for i in 0..<s {
        let fi = Double(fStages[i][idx])
        let gi = Double(gStages[i][idx])
        drift += tableau.alpha[i] * fi
        noiseSum += (tableau.beta1[i] * w + tableau.beta2[i] * chi1) * gi
        e2 += (tableau.beta3[i] * chi2 + tableau.beta4[i] * chi3) * gi
        if i < tableau.errorTerms { e1 += fi }
      }
      let u0 = Double(u[idx])
      let u1 = u0 + dt * drift + noiseSum + e2
      unew[idx] = State.Scalar(u1)
      if computeError {
        errorNorm.accumulate(
          &acc, errorNorm.scaled(idx, error: tableau.delta * dt * e1 + e2, u0: u0, u1: u1))
      }
    }
    return computeError ? errorNorm.finish(acc, count: n) : 0
  }

  /// One step of an SRA method (see ``SRATableau``), returning its error estimate.
  @inlinable
  mutating func sraStep<F: ODEFunction>(
    _ tableau: SRATableau, _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, dt: Double,
    u: State, unew: inout State, errorNorm: ErrorNorm, computeError: Bool,
    stats: inout SolverStats
  ) -> Double where F.State == State {
    let n = u.count
    let s = tableau.stageCount
    for i in 0..<s {
      let row = i * (i - 1) / 2
      for idx in 0..<n {
        let k = noiseIndex(idx)
        let chi2 = (dW[k] + dZ[k] / 3.0.squareRoot()) / 2
        var a0 = 0.0
        var b0 = 0.0
        for j in 0..<i {
          a0 += tableau.a0[row + j] * Double(fStages[j][idx])
          b0 += tableau.b0[row + j] * Double(gStages[j][idx])
        }
        h0[idx] = State.Scalar(Double(u[idx]) + dt * a0 + chi2 * b0)
      }
      f(&fStages[i], h0, p, t + tableau.c0[i] * dt)
      g?(&gStages[i], h0, pp, t + tableau.c1[i] * dt)
    }
    stats.nf += s
    var acc = 0.0
    for idx in 0..<n {
      let k = noiseIndex(idx)
      let w = dW[k]
      let chi2 = (w + dZ[k] / 3.0.squareRoot()) / 2
      var drift = 0.0
      var noiseSum = 0.0
      var e2 = 0.0
      var e1 = 0.0
      for i in 0..<s {
        let fi = Double(fStages[i][idx])
        let gi = Double(gStages[i][idx])
        drift += tableau.alpha[i] * fi
        noiseSum += tableau.beta1[i] * w * gi
        e2 += tableau.beta2[i] * chi2 * gi
        e1 += fi
      }
      let u0 = Double(u[idx])
      let u1 = u0 + dt * drift + noiseSum + e2
      unew[idx] = State.Scalar(u1)
      if computeError {
        errorNorm.accumulate(&acc, errorNorm.scaled(idx, error: dt * e1 + e2, u0: u0, u1: u1))
      }
    }
    return computeError ? errorNorm.finish(acc, count: n) : 0
  }

  /// One step of LambaEM (see ``LambaEM``), returning its error estimate.
  @inlinable
  mutating func lambaStep<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, dt: Double, u: State,
    unew: inout State, errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    let n = u.count
    let sqrtH = abs(dt).squareRoot()
    f(&f0, u, p, t)
    // K = uₙ + h f(uₙ) (in h0), L = g(K, t + h) (in g0).
    for i in 0..<n { h0[i] = u[i] + State.Scalar(dt * Double(f0[i])) }
    g?(&g0, h0, pp, t + dt)
    for i in 0..<n {
      unew[i] = h0[i] + State.Scalar(Double(g0[i]) * dW[noiseIndex(i)])
    }
    stats.nf += 1
    guard computeError else { return 0 }
    f(&f1, h0, p, t + dt)
    for i in 0..<n { h1[i] = h0[i] + State.Scalar(sqrtH * Double(g0[i])) }
    g?(&g1, h1, pp, t)
    stats.nf += 1
    var acc = 0.0
    for i in 0..<n {
      let w = dW[noiseIndex(i)]
      let drift = dt * (Double(f1[i]) - Double(f0[i])) / 2
      let ggprime = (Double(g1[i]) - Double(g0[i])) / sqrtH
      let noiseError = ggprime * (w * w - abs(dt)) / 2
      errorNorm.accumulate(
        &acc,
        errorNorm.scaled(
          i, error: drift + noiseError, u0: Double(u[i]), u1: Double(unew[i])))
    }
    return errorNorm.finish(acc, count: n)
  }

  /// Solves `x = c + θh f(x, tₙ + h)` (`c` the explicit part) by simplified Newton from
  /// `x = c + θh f(uₙ)`, with the difference Jacobian of `f` at `uₙ` and one LU of `I − θhJ`;
  /// converged when the update's norm, in the solver's error scale, is at most 1e-6, within
  /// 10 iterations. Otherwise `false`, and `unew` is NaN: a fixed-step solve then stops as
  /// unstable with a diagnostic.
  @inlinable
  mutating func implicitSolve<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, theta: Double, t: Double, dt: Double, u: State,
    explicitPart c: State, unew: inout State, errorNorm: ErrorNorm, stats: inout SolverStats
  ) -> Bool where F.State == State {
    let n = u.count
    let th = theta * dt
    if th == 0 {
      unew.assign(c)
      return true
    }
    differences.dense(
      f, p, t: t, u: u, f0: f0, h: dt, errorNorm: errorNorm, into: &jacobian, stats: &stats)
    stats.njacs += 1
    let jacobianCopy = jacobian
    let nonsingular = lu.factor { w in
      for index in 0..<(n * n) { w.storage[index] = -th * jacobianCopy.storage[index] }
      for i in 0..<n { w[i, i] += 1 }
    }
    stats.nfactorizations += 1
    guard nonsingular else {
      unew.fill(.nan)
      return false
    }
    // Initial guess: the explicit part plus θh f(uₙ).
    for i in 0..<n { unew[i] = c[i] + State.Scalar(th * Double(f0[i])) }
    for _ in 0..<10 {
      // Residual r = x − c − θh f(x); Newton update Δ = −(I − θhJ)⁻¹ r.
      f(&f1, unew, p, t + dt)
      stats.nf += 1
      stats.nnonliniter += 1
      for i in 0..<n {
        ubar[i] = State.Scalar(
          -(Double(unew[i]) - Double(c[i]) - th * Double(f1[i])))
      }
      lu.solve(&ubar)
      stats.nsolves += 1
      for i in 0..<n { unew[i] = unew[i] + ubar[i] }
      let size = errorNorm.norm(ubar, weightsFrom: unew)
      if !size.isFinite {
        unew.fill(.nan)
        return false
      }
      if size <= 1e-6 { return true }
    }
    stats.nnonlinconvfail += 1
    unew.fill(.nan)
    return false
  }
}
