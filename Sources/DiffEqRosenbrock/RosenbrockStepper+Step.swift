import DiffEqBase

extension RosenbrockStepper {
  /// One step; see ``ODEStepper/step(_:_:t:dt:u:unew:errorNorm:computeError:stats:)`` and the
  /// stage equations on ``RosenbrockTableau``. A singular `W` returns `∞` (the step is
  /// rejected and retried smaller; ``failureNote`` explains if that never helps).
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    let n = u.count
    let s = tableau.stageCount
    if !f0IsCurrent {
      f(&f0, u, p, t)
      stats.nf += 1
      f0IsCurrent = true
    }
    if !jacobianIsCurrent {
      evaluateJacobian(f, p, t: t, dt: dt, u: u, errorNorm: errorNorm, stats: &stats)
      jacobianIsCurrent = true
    }
    guard factorW(dt: dt, stats: &stats) else { return .infinity }
    singularColumn = nil
    let usesTime = !isAutonomous
    // The right-hand side of stage i is built in k[s] (scratch), solved in place and swapped
    // into k[i] through the buffer (no copy; no overlapping access to the stepper).
    for i in 0..<s {
      // rhs = f(Uᵢ, tₙ + cᵢh) + dᵢ h T + M Σ_{j<i} (Cᵢⱼ/h) kⱼ
      let row = i * (i - 1) / 2
      if i == 0 {
        k[s].assign(f0)
      } else {
        for idx in 0..<n {
          var acc = Double(u[idx])
          for j in 0..<i { acc += tableau.a[row + j] * Double(k[j][idx]) }
          tmp[idx] = State.Scalar(acc)
        }
        f(&k[s], tmp, p, t + tableau.c[i] * dt)
        stats.nf += 1
        if i == s - 1 && tableau.lastStageIsSolution {
          // The last stage's argument is uₙ₊₁: its right-hand side is the next f(uₙ).
          f1.assign(k[s])
          f1IsCurrent = true
        }
      }
      if usesTime && tableau.d[i] != 0 { k[s].axpy(tableau.d[i] * dt, dT) }
      if i > 0 {
        let inverseH = 1 / dt
        for idx in 0..<n {
          var acc = 0.0
          for j in 0..<i { acc += tableau.cMatrix[row + j] * Double(k[j][idx]) }
          tmp[idx] = State.Scalar(acc * inverseH)
        }
        if let mass {
          mass.multiply(tmp, into: &massProduct)
          k[s].axpy(1, massProduct)
        } else {
          k[s].axpy(1, tmp)
        }
      }
      if let bandedLU {
        bandedLU.solve(&k[s])
      } else {
        lu.solve(&k[s])
      }
      stats.nsolves += 1
      k.withUnsafeMutableBufferPointer { $0.swapAt(i, s) }
    }
    // uₙ₊₁ = uₙ + Σ bᵢ kᵢ,  err = Σ b̃ᵢ kᵢ
    var acc = 0.0
    for idx in 0..<n {
      var sum = Double(u[idx])
      var error = 0.0
      for j in 0..<s {
        let kj = Double(k[j][idx])
        sum += tableau.b[j] * kj
        error += tableau.bTilde[j] * kj
      }
      unew[idx] = State.Scalar(sum)
      if computeError {
        errorNorm.accumulate(
          &acc, errorNorm.scaled(idx, error: error, u0: Double(u[idx]), u1: sum))
      }
    }
    uEnd.assign(unew)
    if tableau.needsEndDerivative {
      f(&f1, unew, p, t + dt)
      stats.nf += 1
      f1IsCurrent = true
    }
    fillDenseOutput(u: u, dt: dt)
    return computeError ? errorNorm.finish(acc, count: n) : 0
  }

  /// `J = ∂f/∂u(uₙ, tₙ)` (analytic, or differences: dense or coloured by the band) and,
  /// unless autonomous, `T = ∂f/∂t(uₙ, tₙ)`. The analytic forms take the problem's parameter
  /// type; `F`'s is the same type except for a driver that wraps `f` with other parameters
  /// (then differences are used). The check is a type comparison and the value is passed as
  /// that same type (`as?` would box it).
  @inlinable
  mutating func evaluateJacobian<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, errorNorm: ErrorNorm,
    stats: inout SolverStats
  ) where F.State == State {
    stats.njacs += 1
    jacobianNorm = nil
    // (A stored flag: comparing the optional closure with nil would reabstract, and allocate,
    // in unspecialised code.)
    let analytic = hasAnalyticJacobian && F.Parameters.self == Parameters.self
    if var band = bandedJacobian {
      bandedJacobian = nil
      if analytic, let jac {
        jac(&jacobian, u, unsafeBitCast(p, to: Parameters.self), t)
        let n = u.count
        for j in 0..<n {
          for i in Swift.max(0, j - band.upper)...Swift.min(n - 1, j + band.lower) {
            band[i, j] = jacobian[i, j]
          }
        }
      } else {
        differences.banded(
          f, p, t: t, u: u, f0: f0, h: dt, errorNorm: errorNorm, into: &band, stats: &stats)
      }
      bandedJacobian = band
    } else if analytic, let jac {
      jac(&jacobian, u, unsafeBitCast(p, to: Parameters.self), t)
    } else {
      differences.dense(
        f, p, t: t, u: u, f0: f0, h: dt, errorNorm: errorNorm, into: &jacobian, stats: &stats)
    }
    guard !isAutonomous else { return }
    if let tgrad, F.Parameters.self == Parameters.self {
      tgrad(&dT, u, unsafeBitCast(p, to: Parameters.self), t)
    } else {
      differences.timeDerivative(f, p, t: t, u: u, f0: f0, h: dt, into: &dT, stats: &stats)
    }
  }

  /// Forms `W = M/(γh) − J` and factors it; `false` (and ``singularColumn``) when singular.
  @inlinable
  mutating func factorW(dt: Double, stats: inout SolverStats) -> Bool {
    stats.nfactorizations += 1
    let shift = 1 / (tableau.gamma * dt)
    if var bandLU = bandedLU, let band = bandedJacobian {
      bandedLU = nil
      let mass = self.mass
      let nonsingular = bandLU.factor { w in
        let n = w.size
        for j in 0..<n {
          for i in Swift.max(0, j - band.upper)...Swift.min(n - 1, j + band.lower) {
            w[i, j] = -band[i, j]
          }
          w[j, j] += shift * (mass?.diagonalEntry(j) ?? 1)
        }
      }
      singularColumn = bandLU.singularColumn
      bandedLU = bandLU
      return nonsingular
    }
    let n = jacobian.rows
    let jacobian = self.jacobian
    let mass = self.mass
    let nonsingular = lu.factor { w in
      w.storage.withUnsafeMutableBufferPointer { wb in
        jacobian.storage.withUnsafeBufferPointer { jb in
          for index in 0..<(n * n) { wb[index] = -jb[index] }
        }
      }
      switch mass {
      case .none:
        for i in 0..<n { w[i, i] += shift }
      case .diagonal(let d):
        for i in 0..<n { w[i, i] += shift * d[i] }
      case .dense(let m):
        for index in 0..<(n * n) { w.storage[index] += shift * m.storage[index] }
      }
    }
    singularColumn = lu.singularColumn
    return nonsingular
  }

  /// `x ← W⁻¹ x` with the current factorization.
  @inlinable
  func solveW(_ x: inout State) {
    if let bandedLU {
      bandedLU.solve(&x)
    } else {
      lu.solve(&x)
    }
  }
}
