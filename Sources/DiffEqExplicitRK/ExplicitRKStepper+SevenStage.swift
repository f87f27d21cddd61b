import DiffEqBase

// The unrolled step of seven-stage FSAL pairs (Tsit5, DP5): the same arithmetic as the generic
// step, with the stage sums written out so that every coefficient stays in a register, every
// sweep is one loop with no inner loop, and the stages are named stored properties of a cache
// held in a local variable. This is the path the C baseline is measured against.
extension ExplicitRKStepper {
  @inlinable
  mutating func stepSevenStageFSAL<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    stagesInArray = false
    return Self.sevenStageStep(
      &sevenStage, &tmp, tableau: tableau, f, p, t: t, dt: dt, u: u, unew: &unew,
      errorNorm: errorNorm, computeError: computeError, stats: &stats)
  }

  @inlinable
  static func sevenStageStep<F: ODEFunction>(
    _ c: inout SevenStageCache<State>, _ tmp: inout State, tableau: ExplicitRKTableau,
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    typealias T = State.Scalar
    let n = u.count
    let a = tableau.a
    let nodes = tableau.c
    let h = T(dt)
    let a21 = T(a[0])
    let (a31, a32) = (T(a[1]), T(a[2]))
    let (a41, a42, a43) = (T(a[3]), T(a[4]), T(a[5]))
    let (a51, a52, a53, a54) = (T(a[6]), T(a[7]), T(a[8]), T(a[9]))
    let (a61, a62, a63, a64, a65) = (T(a[10]), T(a[11]), T(a[12]), T(a[13]), T(a[14]))
    let (a71, a72, a73, a74, a75, a76) = (
      T(a[15]), T(a[16]), T(a[17]), T(a[18]), T(a[19]), T(a[20])
    )
    tmp.write { i in u[i] + h * (a21 * c.k1[i]) }
    f(&c.k2, tmp, p, t + nodes[1] * dt)
    tmp.write { i in u[i] + h * (a31 * c.k1[i] + a32 * c.k2[i]) }
    f(&c.k3, tmp, p, t + nodes[2] * dt)
    tmp.write { i in
      var s = a41 * c.k1[i]
      s += a42 * c.k2[i]
      s += a43 * c.k3[i]
      return u[i] + h * s
    }
    f(&c.k4, tmp, p, t + nodes[3] * dt)
    tmp.write { i in
      var s = a51 * c.k1[i]
      s += a52 * c.k2[i]
      s += a53 * c.k3[i]
      s += a54 * c.k4[i]
      return u[i] + h * s
    }
    f(&c.k5, tmp, p, t + nodes[4] * dt)
    tmp.write { i in
      var s = a61 * c.k1[i]
      s += a62 * c.k2[i]
      s += a63 * c.k3[i]
      s += a64 * c.k4[i]
      s += a65 * c.k5[i]
      return u[i] + h * s
    }
    f(&c.k6, tmp, p, t + nodes[5] * dt)
    unew.write { i in
      var s = a71 * c.k1[i]
      s += a72 * c.k2[i]
      s += a73 * c.k3[i]
      s += a74 * c.k4[i]
      s += a75 * c.k5[i]
      s += a76 * c.k6[i]
      return u[i] + h * s
    }
    f(&c.k7, unew, p, t + dt)
    stats.nf += 6
    guard computeError, let bTilde = tableau.bTilde else { return 0 }
    let (e1, e2, e3, e4) = (T(bTilde[0]), T(bTilde[1]), T(bTilde[2]), T(bTilde[3]))
    let (e5, e6, e7) = (T(bTilde[4]), T(bTilde[5]), T(bTilde[6]))
    var acc = 0.0
    for i in 0..<n {
      var s = e1 * c.k1[i]
      s += e2 * c.k2[i]
      s += e3 * c.k3[i]
      s += e4 * c.k4[i]
      s += e5 * c.k5[i]
      s += e6 * c.k6[i]
      s += e7 * c.k7[i]
      let scaled = errorNorm.scaled(
        i, error: Double(h * s), u0: Double(u[i]), u1: Double(unew[i]))
      errorNorm.accumulate(&acc, scaled)
    }
    return errorNorm.finish(acc, count: n)
  }
}
