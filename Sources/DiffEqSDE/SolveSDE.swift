import DiffEqBase

/// Solves `prob` with `alg` (DifferentialEquations.jl's `solve(prob, alg; dt, seed)`): on a
/// fixed step `dt` for EM, EulerHeun and RKMil; adaptively, with rejection sampling with
/// memory, for the SRI and SRA methods (StochasticDiffEq.jl's default tolerances 1e-2). The
/// same `seed` gives the same Brownian path.
///
/// ```swift
/// let fixed = try solve(prob, EM(), dt: 1.0 / 256, seed: 42)
/// let sol = try solve(prob, SOSRI(), abstol: 1e-4, reltol: 1e-4, seed: 42)
/// ```
///
/// Invalid input throws a ``DiffEqError``: a missing, non-positive or non-finite `dt`; a
/// scheme that does not fit the problem (Euler–Maruyama on a Stratonovich problem, EulerHeun
/// on an Itô one, Milstein with non-diagonal noise); a noise dimension below 1; a diffusion
/// of the wrong size or not finite at `(u₀, p, t₀)`.
public func solve<S: StateVector, P: Sendable>(
  _ prob: SDEProblem<S, P>, _ alg: some SDEAlgorithm, abstol: some AbsoluteTolerance = 1e-2,
  reltol: Double = 1e-2, dt: Double? = nil, adaptive: Bool? = nil, seed: UInt64 = 0,
  saveAt: [Double] = [], saveEveryStep: Bool? = nil, tstops: [Double] = [],
  dense: Bool? = nil, maxIters: Int = 10_000_000,
  callback: CallbackSet<S, P> = CallbackSet()
) throws -> SDESolution<S> {
  let adaptive = adaptive ?? alg.scheme.isAdaptive
  try validate(prob, alg, dt: dt, adaptive: adaptive)
  let options = ODESolverOptions(
    abstol: abstol, reltol: reltol, dt: dt, adaptive: adaptive, maxIters: maxIters,
    saveAt: saveAt, saveEveryStep: saveEveryStep, tstops: tstops, dense: dense)
  let drift = ODEProblem(InPlaceODEFunction(prob.f), u0: prob.u0, tspan: prob.tspan, p: prob.p)
  var integrator = try ODEIntegrator(
    drift, stepper: SDEStepper(alg, problem: prob, seed: seed), options: options,
    callback: callback)
  let solution = integrator.solve()
  let stepper = integrator.stepper
  return SDESolution(
    solution: solution, W: stepper.wiener, Z: stepper.needsZ ? stepper.wienerZ : nil)
}

/// The checks of ``solve(_:_:dt:seed:saveAt:saveEveryStep:tstops:dense:maxIters:callback:)``.
func validate<S: StateVector, P: Sendable>(
  _ prob: SDEProblem<S, P>, _ alg: some SDEAlgorithm, dt: Double?, adaptive: Bool
) throws {
  if !adaptive && dt == nil {
    throw DiffEqError(
      field: "dt", message: "\(alg.name) takes fixed steps here; pass dt: (e.g. 1.0 / 256)")
  }
  if adaptive && !alg.scheme.isAdaptive {
    throw DiffEqError(
      field: "adaptive", message: "\(alg.name) has no error estimate; pass dt: for fixed steps")
  }
  if let dt, !(dt > 0) || !dt.isFinite {
    throw DiffEqError(
      field: "dt", message: "\(dt) is not a finite positive step; give e.g. 1.0 / 256")
  }
  switch (alg.scheme, prob.noise) {
  case (.sri, .nonDiagonal), (.sri, .additive):
    if case .nonDiagonal = prob.noise {
      throw DiffEqError(
        field: "noise", message: "\(alg.name) needs diagonal or scalar noise; use EM() instead")
    }
  case (.sra, let shape) where shape != .additive:
    throw DiffEqError(
      field: "noise",
      message:
        "\(alg.name) is for additive noise (g independent of u); declare noise: .additive, or use SOSRI()"
    )
  default: break
  }
  if alg.scheme == .milsteinCommute, prob.noiseRate == nil {
    throw DiffEqError(
      field: "noise",
      message:
        "RKMilCommute is for non-diagonal noise (noiseDimension:, noiseRate:); use RKMil() for diagonal or scalar noise"
    )
  }
  if alg.scheme == .lambaEM, prob.interpretation == .stratonovich {
    throw DiffEqError(
      field: "interpretation", message: "LambaEM solves Itô problems; use RKMil() or EulerHeun()")
  }
  if case .sri = alg.scheme, prob.interpretation == .stratonovich {
    throw DiffEqError(
      field: "interpretation",
      message: "\(alg.name) solves Itô problems; use RKMil() or EulerHeun()")
  }
  if case .sra = alg.scheme, prob.interpretation == .stratonovich {
    throw DiffEqError(
      field: "interpretation",
      message: "\(alg.name) solves Itô problems; use RKMil() or EulerHeun()")
  }
  if prob.noiseDimension < 1 {
    throw DiffEqError(
      field: "noise", message: "the Wiener process needs at least one component")
  }
  switch prob.noiseProcess {
  case .wiener: break
  case .virtualBrownianTree:
    if !(prob.tspan.1 > prob.tspan.0) {
      throw DiffEqError(
        field: "noiseProcess", message: "a virtual Brownian tree drives forward solves only")
    }
  case .correlatedWiener(let covariance):
    let m = prob.noiseDimension
    if covariance.count != m || covariance.contains(where: { $0.count != m }) {
      throw DiffEqError(
        field: "covariance",
        message: "the covariance must be \(m) × \(m), one row and column per noise source")
    }
    if WienerProcess.choleskyFactor(covariance) == nil {
      throw DiffEqError(
        field: "covariance",
        message:
          "the covariance must be finite, symmetric and positive definite (Cholesky failed)")
    }
    // The SRI stages assume unit variances (the scaled problem g·√Γᵢᵢ has them).
    if case .sri = alg.scheme, (0..<m).contains(where: { abs(covariance[$0][$0] - 1) > 1e-14 }) {
      throw DiffEqError(
        field: "covariance",
        message:
          "\(alg.name) needs unit variances (a correlation matrix); scale gᵢ by √Γᵢᵢ and pass Γᵢⱼ/√(ΓᵢᵢΓⱼⱼ)"
      )
    }
  case .grid(let grid):
    if let problem = grid.problem(dimension: prob.noiseDimension, tspan: prob.tspan) {
      throw DiffEqError(field: "noiseProcess", message: "NoiseGrid: " + problem)
    }
  }
  switch (alg.scheme, prob.interpretation) {
  case (.implicitEM, .stratonovich):
    throw DiffEqError(
      field: "interpretation",
      message: "ImplicitEM converges to the Itô solution; use ImplicitRKMil() for Stratonovich")
  case (.eulerMaruyama, .stratonovich):
    throw DiffEqError(
      field: "interpretation",
      message: "EM converges to the Itô solution; use EulerHeun() or RKMil() for Stratonovich")
  case (.eulerHeun, .ito):
    throw DiffEqError(
      field: "interpretation",
      message: "EulerHeun converges to the Stratonovich solution; use EM() or RKMil() for Itô")
  default: break
  }
  if case .implicitRKMil = alg.scheme, case .nonDiagonal = prob.noise {
    throw DiffEqError(
      field: "noise",
      message:
        "ImplicitRKMil needs diagonal or scalar noise; use ImplicitEM() for non-diagonal noise")
  }
  switch alg.scheme {
  case .implicitEM(let theta), .implicitRKMil(let theta):
    if !(theta >= 0 && theta <= 1) {
      throw DiffEqError(field: "theta", message: "\(theta) must lie in [0, 1] (1: implicit Euler)")
    }
  default: break
  }
  if alg.scheme == .milstein, case .nonDiagonal = prob.noise {
    throw DiffEqError(
      field: "noise",
      message:
        "RKMil needs diagonal or scalar noise; use RKMilCommute() for commutative non-diagonal noise, EM() otherwise"
    )
  }
  // The diffusion must have the state's shape and be finite at the start.
  let n = prob.u0.count
  if let value = prob.diffusionValue?(prob.u0, prob.p, prob.tspan.0), value.count != n {
    throw DiffEqError(
      field: "g",
      message:
        "the diffusion at (u0, p, t0) has \(value.count) components but u0 has \(n); for noise with m ≠ n sources use noiseDimension: and noiseRate:"
    )
  }
  if let rate = prob.noiseRate {
    var m = DenseMatrix(rows: n, columns: prob.noiseDimension)
    rate(&m, prob.u0, prob.p, prob.tspan.0)
    if let (i, j) = m.firstNonFiniteEntry {
      throw DiffEqError(
        field: "g", message: "entry (\(i), \(j)) of the noise rate at (u0, p, t0) is not finite")
    }
  } else if let g = prob.g {
    var out = prob.u0.zeroed()
    g(&out, prob.u0, prob.p, prob.tspan.0)
    if let i = out.firstNonFiniteIndex {
      throw DiffEqError(
        field: "g", message: "component \(i) of the diffusion at (u0, p, t0) is not finite")
    }
  }
}
