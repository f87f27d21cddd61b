import DiffEqBase

/// The stepper of the fixed-step SDE schemes (``SDEScheme``) in the shared loop: it draws the
/// Wiener increment of each step, applies the scheme, and records the path when the step is
/// accepted. The drift reaches it as the loop's right-hand side; the diffusion it keeps.
public struct SDEStepper<State: StateVector, Parameters: Sendable>: ODEStepper {
  /// The dense output (linear between the step ends, as for DifferentialEquations.jl's SDE
  /// solutions).
  public typealias Interpolant = SDEInterpolant<State>

  /// The scheme.
  public let scheme: SDEScheme
  /// The method's name.
  public let name: String
  /// The diffusion (diagonal, scalar, additive).
  @usableFromInline let g: (@Sendable (inout State, State, Parameters, Double) -> Void)?
  /// The noise-rate matrix (non-diagonal).
  @usableFromInline let noiseRate:
    (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// How the noise enters.
  @usableFromInline let noise: NoiseShape
  /// Itô or Stratonovich.
  @usableFromInline let interpretation: SDEInterpretation
  /// The Wiener process and its path.
  public var wiener: WienerProcess
  /// A second, independent Wiener process `Z` for the iterated integral `I₍₁,₀₎` of the SRI
  /// and SRA methods (stacked and bridged like `W`, as StochasticDiffEq.jl does).
  public var wienerZ: WienerProcess
  /// `ΔZ` of the current step.
  @usableFromInline var dZ: [Double]
  /// Stage drifts `fᵢ` and diffusions `gᵢ` (SRI/SRA).
  @usableFromInline var fStages: [State]
  @usableFromInline var gStages: [State]
  /// Stage arguments `H⁰`, `H¹` (scratch).
  @usableFromInline var h0: State
  @usableFromInline var h1: State
  /// The drift's Jacobian at `uₙ`, the LU of `I − θhJ`, difference scratch (implicit schemes).
  @usableFromInline var jacobian: DenseMatrix
  @usableFromInline var lu: LUFactorization
  @usableFromInline var differences: FiniteDifferenceJacobian<State>

  /// `ΔW` of the current step.
  @usableFromInline var dW: [Double]
  /// `f(uₙ)`, `f(ū)`, `g(uₙ)`, `g(ū)`, `ū` (scratch).
  @usableFromInline var f0: State
  @usableFromInline var f1: State
  @usableFromInline var g0: State
  @usableFromInline var g1: State
  @usableFromInline var ubar: State
  /// The noise-rate matrices at `uₙ` and `ū` (non-diagonal).
  @usableFromInline var rate0: DenseMatrix
  @usableFromInline var rate1: DenseMatrix
  /// Whether the state's size no longer matches diagonal or additive noise (after a resize).
  @usableFromInline var noiseDoesNotFit = false
  /// The error norm of the last step (an event's repeated step uses it).
  @usableFromInline var lastErrorNorm: ErrorNorm?
  /// Start and end time and end state of the step just computed.
  @usableFromInline var stepStart = 0.0
  @usableFromInline var stepEnd = 0.0
  /// Whether the last attempt has not been accepted (a new attempt means it was rejected).
  @usableFromInline var attemptPending = false
  @usableFromInline var uEnd: State

  /// A stepper for `problem` with the generator seeded by `seed`.
  public init(_ alg: some SDEAlgorithm, problem: SDEProblem<State, Parameters>, seed: UInt64) {
    scheme = alg.scheme
    name = alg.name
    g = problem.g
    noiseRate = problem.noiseRate
    noise = problem.noise
    interpretation = problem.interpretation
    let m = problem.noiseDimension
    let t0 = problem.tspan.0
    let seedZ = seed ^ 0x5DEE_CE66_D1CE_4E5B
    switch problem.noiseProcess {
    case .wiener:
      wiener = WienerProcess(dimension: m, t0: t0, seed: seed)
      wienerZ = WienerProcess(dimension: m, t0: t0, seed: seedZ)
    case .correlatedWiener(let covariance):
      // I₍₁,₀₎ = ∫(W − Wₙ)ds of a correlated W is correlated alike: Z gets the same Γ.
      wiener = WienerProcess(covariance: covariance, t0: t0, seed: seed)
      wienerZ = WienerProcess(covariance: covariance, t0: t0, seed: seedZ)
    case .virtualBrownianTree:
      let span = problem.tspan.1 - problem.tspan.0
      wiener = WienerProcess(
        tree: VirtualBrownianTree(dimension: m, t0: t0, span: span, seed: seed))
      wienerZ = WienerProcess(
        tree: VirtualBrownianTree(dimension: m, t0: t0, span: span, seed: seedZ))
    case .grid(let grid):
      wiener = WienerProcess(replaying: grid, component: .w, t0: t0, seed: seed)
      wienerZ =
        grid.Z == nil
        ? WienerProcess(dimension: m, t0: t0, seed: seedZ)
        : WienerProcess(replaying: grid, component: .z, t0: t0, seed: seedZ)
    }
    dW = [Double](repeating: 0, count: m)
    dZ = [Double](repeating: 0, count: m)
    let stages: Int
    switch alg.scheme {
    case .sri(let tableau): stages = tableau.stageCount
    case .sra(let tableau): stages = tableau.stageCount
    default: stages = 0
    }
    fStages = (0..<stages).map { _ in problem.u0.zeroed() }
    gStages = (0..<stages).map { _ in problem.u0.zeroed() }
    h0 = problem.u0.zeroed()
    h1 = problem.u0.zeroed()
    let implicitSize = alg.scheme.isImplicit ? problem.u0.count : 0
    jacobian = DenseMatrix(size: implicitSize)
    lu = LUFactorization(size: implicitSize)
    differences = FiniteDifferenceJacobian(prototype: problem.u0)
    let u0 = problem.u0
    f0 = u0.zeroed()
    f1 = u0.zeroed()
    g0 = u0.zeroed()
    g1 = u0.zeroed()
    ubar = u0.zeroed()
    uEnd = u0.zeroed()
    let n = u0.count
    rate0 = DenseMatrix(rows: noiseRate == nil ? 0 : n, columns: noiseRate == nil ? 0 : m)
    rate1 = rate0
  }

  /// The order the initial step size uses (2 for the order-1.5 methods, 1 otherwise).
  public var order: Int { scheme.isAdaptive ? 2 : 1 }
  /// The same.
  public var adaptiveOrder: Int { order }
  /// Whether the scheme estimates its error.
  public var isAdaptive: Bool { scheme.isAdaptive }
  /// StochasticDiffEq.jl's controller: PI with `β₁ = 7/(10p)`, `β₂ = 2/(5p)` (p = 3/2 for SRI,
  /// 2 for SRA), `qmin = 1/5`, `qmax = 9/8`, `γ = 9/10`.
  public var controllerDefaults: ControllerDefaults {
    let p: Double
    switch scheme {
    case .sra: p = 2
    case .lambaEM: p = 0.5
    default: p = 1.5
    }
    return ControllerDefaults(
      beta1: 7 / (10 * p), beta2: 2 / (5 * p), qmin: 0.2, qmax: 1.125, gamma: 0.9)
  }

  /// Nothing to prepare.
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {}

  /// Adds `g(u)·ΔW` (diagonal/additive: componentwise; scalar: `ΔW₀`; non-diagonal: `G ΔW`)
  /// times `weight` to `out`, reading `g` from `gValues` / `rate`.
  @inlinable
  func addNoise(_ gValues: State, _ rate: DenseMatrix, weight: Double, into out: inout State) {
    let n = out.count
    switch noise {
    case .diagonal, .additive:
      for i in 0..<n { out[i] = out[i] + State.Scalar(weight * Double(gValues[i]) * dW[i]) }
    case .scalar:
      let w = weight * dW[0]
      for i in 0..<n { out[i] = out[i] + State.Scalar(w * Double(gValues[i])) }
    case .nonDiagonal(let m):
      for i in 0..<n {
        var acc = 0.0
        for j in 0..<m { acc += rate[i, j] * dW[j] }
        out[i] = out[i] + State.Scalar(weight * acc)
      }
    }
  }

  /// Evaluates the diffusion at `(u, t)` into `gValues` or `rate`.
  @inlinable
  func diffusion(
    _ u: State, _ p: Parameters, _ t: Double, into gValues: inout State,
    rate: inout DenseMatrix
  ) {
    if let noiseRate {
      noiseRate(&rate, u, p, t)
    } else if let g {
      g(&gValues, u, p, t)
    }
  }

  /// One step of the scheme with a fresh increment `ΔW ~ N(0, h)`.
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    // The drift wrapper carries the problem's parameters (same type).
    guard F.Parameters.self == Parameters.self, !noiseDoesNotFit else {
      unew.fill(.nan)
      return .nan
    }
    let pp = unsafeBitCast(p, to: Parameters.self)
    // A second attempt from the same point: the first one's increment goes back on the
    // Wiener process's stack (the path is kept, see ``WienerProcess``).
    if attemptPending {
      wiener.reject(stepEnd - t, dW)
      if needsZ { wienerZ.reject(stepEnd - t, dZ) }
    }
    attemptPending = true
    stepStart = t
    stepEnd = t + dt
    wiener.increment(dt, into: &dW)
    if needsZ { wienerZ.increment(dt, into: &dZ) }
    return advance(
      f, p, pp, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm,
      computeError: computeError, stats: &stats)
  }

  /// The scheme's step over `[t, t + dt]` with the increments already drawn (`dW`, `dZ`),
  /// returning the error estimate (0 for fixed-step schemes, ∞ when an implicit solve fails).
  @inlinable
  mutating func advance<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, dt: Double, u: State,
    unew: inout State, errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    let n = u.count
    lastErrorNorm = errorNorm
    switch scheme {
    case .sri(let tableau):
      let eest = sriStep(
        tableau, f, p, pp, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm,
        computeError: computeError, stats: &stats)
      uEnd.assign(unew)
      return eest
    case .lambaEM:
      let eest = lambaStep(
        f, p, pp, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm,
        computeError: computeError, stats: &stats)
      uEnd.assign(unew)
      return eest
    case .sra(let tableau):
      let eest = sraStep(
        tableau, f, p, pp, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm,
        computeError: computeError, stats: &stats)
      uEnd.assign(unew)
      return eest
    default: break
    }
    f(&f0, u, p, t)
    stats.nf += 1
    diffusion(u, pp, t, into: &g0, rate: &rate0)
    switch scheme {
    case .eulerMaruyama:
      for i in 0..<n { unew[i] = u[i] + State.Scalar(dt * Double(f0[i])) }
      addNoise(g0, rate0, weight: 1, into: &unew)
    case .eulerHeun:
      for i in 0..<n { ubar[i] = u[i] + State.Scalar(dt * Double(f0[i])) }
      addNoise(g0, rate0, weight: 1, into: &ubar)
      f(&f1, ubar, p, t + dt)
      stats.nf += 1
      diffusion(ubar, pp, t + dt, into: &g1, rate: &rate1)
      for i in 0..<n {
        unew[i] = u[i] + State.Scalar(0.5 * dt * (Double(f0[i]) + Double(f1[i])))
      }
      addNoise(g0, rate0, weight: 0.5, into: &unew)
      addNoise(g1, rate1, weight: 0.5, into: &unew)
    case .sri, .sra, .lambaEM:
      break  // handled above
    case .implicitEM(let theta), .implicitRKMil(let theta):
      // The explicit part: uₙ + (1 − θ)h f(uₙ) + noise terms (EM's or RKMil's), in h1.
      let sqrtH = abs(dt).squareRoot()
      for i in 0..<n { h1[i] = u[i] + State.Scalar((1 - theta) * dt * Double(f0[i])) }
      if case .implicitRKMil = scheme {
        let driftInSupport = interpretation == .ito ? dt : 0
        for i in 0..<n {
          ubar[i] = u[i] + State.Scalar(driftInSupport * Double(f0[i]) + Double(g0[i]) * sqrtH)
        }
        diffusion(ubar, pp, t, into: &g1, rate: &rate1)
        let shift = interpretation == .ito ? abs(dt) : 0
        for i in 0..<n {
          let k = noise == .scalar ? 0 : i
          let w = dW[k]
          let gi = Double(g0[i])
          let correction =
            (Double(g1[i]) - gi) * (w * w - shift * wiener.covariance(k, k)) / (2 * sqrtH)
          h1[i] = h1[i] + State.Scalar(gi * w + correction)
        }
      } else {
        addNoise(g0, rate0, weight: 1, into: &h1)
      }
      let converged = implicitSolve(
        f, p, theta: theta, t: t, dt: dt, u: u, explicitPart: h1, unew: &unew,
        errorNorm: errorNorm, stats: &stats)
      if !converged { return .infinity }
    case .milsteinCommute:
      milsteinCommuteStep(pp, t: t, dt: dt, u: u, unew: &unew)
    case .milstein:
      let sqrtH = abs(dt).squareRoot()
      // Itô: ū = u + f h + g √h (KP 11.1.3). Stratonovich: ū = u + g √h — with the drift in
      // the support, (g(ū) − g(u))ΔW²/(2√h) would carry a term g′f √h ΔW²/2 of mean
      // O(h^{3/2}) per step, an O(√h) global error (in the Itô form it multiplies ΔW² − h,
      // of mean zero).
      let driftInSupport = interpretation == .ito ? dt : 0
      for i in 0..<n {
        ubar[i] = u[i] + State.Scalar(driftInSupport * Double(f0[i]) + Double(g0[i]) * sqrtH)
      }
      diffusion(ubar, pp, t, into: &g1, rate: &rate1)
      // Itô: ΔW² − Γᵢᵢh (h for independent components).
      let shift = interpretation == .ito ? abs(dt) : 0
      for i in 0..<n {
        let k = noise == .scalar ? 0 : i
        let w = dW[k]
        let gi = Double(g0[i])
        let correction =
          (Double(g1[i]) - gi) * (w * w - shift * wiener.covariance(k, k)) / (2 * sqrtH)
        unew[i] = u[i] + State.Scalar(dt * Double(f0[i]) + gi * w + correction)
      }
    }
    uEnd.assign(unew)
    return 0
  }

  /// Linear between the step's ends.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    // The step may have been shortened by an event: its own span, not the attempted `dt`.
    let span = stepEnd - stepStart
    let s = span == dt ? theta : theta * dt / span
    for i in 0..<out.count {
      let a = Double(uprev[i])
      let b = Double(uEnd[i])
      out[i] = State.Scalar(derivative == 0 ? a + s * (b - a) : (b - a) / span)
    }
  }

  /// An empty dense output.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> SDEInterpolant<State>
  where F.State == State {
    SDEInterpolant()
  }

  /// Nothing to do: the dense output does not call `f`.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout SDEInterpolant<State>, _ f: F, _ p: F.Parameters
  ) where F.State == State {}

  /// Appends the step.
  public mutating func record(
    into interpolant: inout SDEInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    interpolant.append(t: t, dt: stepEnd - stepStart, start: uprev, end: uEnd)
  }

  /// The increment becomes part of the path.
  @inlinable
  public mutating func acceptStep() {
    attemptPending = false
    wiener.accept(dW, at: stepEnd)
    if needsZ { wienerZ.accept(dZ, at: stepEnd) }
  }

  /// An event ended the step at `te`: the increments shrink to their Brownian-bridge parts
  /// over `[tₙ, te]` (the rest is stacked for the next steps) and the step is taken again
  /// over `[tₙ, te]` with them, so that the state at `te` belongs to the recorded path `W`
  /// (the linear interpolant between the full step's ends would be off by `O(√h)` there).
  @inlinable
  public mutating func stepWasShortened<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, from t: Double, u: State, to te: Double, unew: inout State,
    stats: inout SolverStats
  ) where F.State == State {
    guard F.Parameters.self == Parameters.self, let errorNorm = lastErrorNorm else { return }
    let fullSpan = stepEnd - stepStart
    wiener.shorten(&dW, span: fullSpan, to: te - stepStart)
    if needsZ { wienerZ.shorten(&dZ, span: fullSpan, to: te - stepStart) }
    stepEnd = te
    let pp = unsafeBitCast(p, to: Parameters.self)
    let result = advance(
      f, p, pp, t: t, dt: te - t, u: u, unew: &unew, errorNorm: errorNorm, computeError: false,
      stats: &stats)
    if !result.isFinite || unew.firstNonFiniteIndex != nil {
      // The retaken step failed (an implicit solve): keep the full step's interpolant.
      let theta = (te - t) / fullSpan
      for i in 0..<unew.count {
        unew[i] = u[i] + State.Scalar(theta * (Double(uEnd[i]) - Double(u[i])))
      }
      uEnd.assign(unew)
    }
  }

  /// Whether the scheme uses `ΔZ`.
  @inlinable
  var needsZ: Bool {
    switch scheme {
    case .sri, .sra: true
    default: false
    }
  }

  /// New scratch shaped like `prototype`. The Wiener process keeps its dimension: with
  /// non-diagonal noise the state may change size (the rate matrix becomes `n × m`); with
  /// diagonal or additive noise (one source per component) a state of another size cannot
  /// go on, and the next step fails with a diagnostic (``failureNote``).
  public mutating func resize(to prototype: State) {
    f0 = prototype.zeroed()
    f1 = prototype.zeroed()
    g0 = prototype.zeroed()
    g1 = prototype.zeroed()
    ubar = prototype.zeroed()
    uEnd = prototype.zeroed()
    h0 = prototype.zeroed()
    h1 = prototype.zeroed()
    fStages = fStages.map { _ in prototype.zeroed() }
    gStages = gStages.map { _ in prototype.zeroed() }
    let n = prototype.count
    if scheme.isImplicit {
      jacobian = DenseMatrix(size: n)
      lu = LUFactorization(size: n)
    }
    differences = FiniteDifferenceJacobian(prototype: prototype)
    if case .nonDiagonal(let m) = noise {
      rate0 = DenseMatrix(rows: n, columns: m)
      rate1 = rate0
    }
    switch noise {
    case .diagonal, .additive: noiseDoesNotFit = n != wiener.dimension
    default: noiseDoesNotFit = false
    }
  }

  /// Why the steps fail, when the state no longer fits the noise.
  public var failureNote: String? {
    noiseDoesNotFit
      ? "the state changed size but diagonal or additive noise has one Wiener process per component, fixed at the start; use non-diagonal noise (noiseDimension:, noiseRate:) for states that grow or shrink"
      : nil
  }
}
