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

  /// One step of RKMilCommute (see ``RKMilCommute``) after `f(uₙ)` (in `f0`) and `G(uₙ)` (in
  /// `rate0`): the correction accumulates in `h1`, each `G(ūⱼ)` in `rate1`.
  @inlinable
  mutating func milsteinCommuteStep(
    _ pp: Parameters, t: Double, dt: Double, u: State, unew: inout State
  ) {
    guard case .nonDiagonal(let m) = noise else { return }
    let n = u.count
    let sqrtH = abs(dt).squareRoot()
    let ito = interpretation == .ito
    let driftInSupport = ito ? dt : 0
    for i in 0..<n { h1[i] = State.Scalar(0) }
    for j in 0..<m {
      for i in 0..<n {
        ubar[i] = u[i] + State.Scalar(driftInSupport * Double(f0[i]) + sqrtH * rate0[i, j])
      }
      noiseRate?(&rate1, ubar, pp, t)
      for i in 0..<n {
        var acc = 0.0
        for k in 0..<m {
          // Iⱼₖ + Iₖⱼ = ΔWⱼΔWₖ − Γⱼₖh (Itô), ΔWⱼΔWₖ (Stratonovich).
          let product = dW[j] * dW[k] - (ito ? abs(dt) * wiener.covariance(j, k) : 0)
          acc += (rate1[i, k] - rate0[i, k]) * product
        }
        h1[i] = h1[i] + State.Scalar(acc / (2 * sqrtH))
      }
    }
    for i in 0..<n { unew[i] = u[i] + State.Scalar(dt * Double(f0[i])) + h1[i] }
    addNoise(g0, rate0, weight: 1, into: &unew)
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
    // K = uₙ + h f(uₙ) (in h0), L = g(K, t + h) (in g0, or rate0 for non-diagonal noise).
    for i in 0..<n { h0[i] = u[i] + State.Scalar(dt * Double(f0[i])) }
    diffusion(h0, pp, t + dt, into: &g0, rate: &rate0)
    unew.assign(h0)
    addNoise(g0, rate0, weight: 1, into: &unew)
    stats.nf += 1
    guard computeError else { return 0 }
    f(&f1, h0, p, t + dt)
    // The support K + √h L (non-diagonal: L's rows summed over the sources).
    let columns: Int
    if case .nonDiagonal(let m) = noise { columns = m } else { columns = 0 }
    for i in 0..<n {
      var rate = columns == 0 ? Double(g0[i]) : 0
      for j in 0..<columns { rate += rate0[i, j] }
      h1[i] = h0[i] + State.Scalar(sqrtH * rate)
    }
    diffusion(h1, pp, t, into: &g1, rate: &rate1)
    stats.nf += 1
    var acc = 0.0
    for i in 0..<n {
      let drift = dt * (Double(f1[i]) - Double(f0[i])) / 2
      var noiseError = 0.0
      if columns == 0 {
        let k = noiseIndex(i)
        noiseError =
          (Double(g1[i]) - Double(g0[i])) / sqrtH * abs(dt) * wiener.covariance(k, k)
          / 2.0.squareRoot()
      } else {
        for j in 0..<columns {
          noiseError +=
            (rate1[i, j] - rate0[i, j]) / sqrtH * abs(dt) * wiener.covariance(j, j)
            / 2.0.squareRoot()
        }
      }
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
