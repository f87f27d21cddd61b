import DiffEqBase

/// A stochastic differential equation
///
/// ```
/// du = f(u, p, t) dt + g(u, p, t) dW,   u(t₀) = u₀
/// ```
///
/// with `W` an `m`-dimensional Wiener process. The shape of `g` follows ``NoiseShape``:
/// diagonal (the default: `gᵢ` multiplies `dWᵢ`, `m = n`), scalar (one `dW` for every
/// component), non-diagonal (an `n × m` noise-rate matrix) or additive (diagonal, independent
/// of `u`). The equation is read in the Itô sense unless ``interpretation`` says Stratonovich.
///
/// ```swift
/// let prob = SDEProblem(u0: [0.5], tspan: (0.0, 1.0), p: [1.01, 0.87],
///                       f: { du, u, p, t in du[0] = p[0] * u[0] },
///                       g: { du, u, p, t in du[0] = p[1] * u[0] })
/// let sol = try solve(prob, EM(), dt: 1.0 / 256, seed: 42)
/// sol.W   // the Brownian path the solve used
/// ```
public struct SDEProblem<State: StateVector, Parameters: Sendable>: Sendable {
  /// The drift `f(&du, u, p, t)`.
  public var f: @Sendable (inout State, State, Parameters, Double) -> Void
  /// The diffusion `g(&du, u, p, t)` for diagonal, scalar and additive noise (`du` has `u`'s
  /// shape).
  public var g: (@Sendable (inout State, State, Parameters, Double) -> Void)?
  /// The noise-rate matrix `g(&G, u, p, t)` (`n × m`) for non-diagonal noise.
  public var noiseRate: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// The initial state.
  public var u0: State
  /// The time span.
  public var tspan: (Double, Double)
  /// The parameters.
  public var p: Parameters
  /// How the noise enters.
  public var noise: NoiseShape
  /// Itô (default) or Stratonovich.
  public var interpretation: SDEInterpretation
  /// The driving process: independent Wiener processes (default), correlated ones, or a given
  /// path.
  public var noiseProcess: NoiseProcess
  /// The diffusion as given, when it returns its value (validation checks its size).
  var diffusionValue: (@Sendable (State, Parameters, Double) -> State)?

  /// A problem with diagonal (default), scalar or additive noise.
  public init(
    u0: State, tspan: (Double, Double), p: Parameters,
    noise: NoiseShape = .diagonal, interpretation: SDEInterpretation = .ito,
    noiseProcess: NoiseProcess = .wiener,
    f: @escaping @Sendable (inout State, State, Parameters, Double) -> Void,
    g: @escaping @Sendable (inout State, State, Parameters, Double) -> Void
  ) {
    self.f = f
    self.g = g
    noiseRate = nil
    self.u0 = u0
    self.tspan = tspan
    self.p = p
    self.noise = noise
    self.interpretation = interpretation
    self.noiseProcess = noiseProcess
    diffusionValue = nil
  }

  /// A problem whose diffusion returns its value, `g(u, p, t) -> State` (diagonal, scalar or
  /// additive noise); `solve` checks that it has `u0`'s size.
  public init(
    u0: State, tspan: (Double, Double), p: Parameters,
    noise: NoiseShape = .diagonal, interpretation: SDEInterpretation = .ito,
    noiseProcess: NoiseProcess = .wiener,
    f: @escaping @Sendable (inout State, State, Parameters, Double) -> Void,
    g: @escaping @Sendable (State, Parameters, Double) -> State
  ) {
    self.init(
      u0: u0, tspan: tspan, p: p, noise: noise, interpretation: interpretation,
      noiseProcess: noiseProcess, f: f,
      g: { out, u, p, t in
        let value = g(u, p, t)
        // A diffusion of the wrong size (validation checks it at t₀) becomes NaN, not a trap.
        if value.count == out.count { out.assign(value) } else { out.fill(.nan) }
      })
    diffusionValue = g
  }

  /// A problem with non-diagonal noise: `g(&G, u, p, t)` writes the `n × m` matrix `G` and
  /// `du = f dt + G dW`, `dW ∈ ℝᵐ`.
  public init(
    u0: State, tspan: (Double, Double), p: Parameters, noiseDimension m: Int,
    interpretation: SDEInterpretation = .ito, noiseProcess: NoiseProcess = .wiener,
    f: @escaping @Sendable (inout State, State, Parameters, Double) -> Void,
    noiseRate: @escaping @Sendable (inout DenseMatrix, State, Parameters, Double) -> Void
  ) {
    self.f = f
    g = nil
    self.noiseRate = noiseRate
    self.u0 = u0
    self.tspan = tspan
    self.p = p
    noise = .nonDiagonal(m)
    self.interpretation = interpretation
    self.noiseProcess = noiseProcess
    diffusionValue = nil
  }

  /// The dimension `m` of the Wiener process.
  public var noiseDimension: Int {
    switch noise {
    case .diagonal, .additive: u0.count
    case .scalar: 1
    case .nonDiagonal(let m): m
    }
  }
}

/// How the Wiener increments enter an ``SDEProblem``.
public enum NoiseShape: Sendable, Equatable {
  /// `duᵢ = … + gᵢ(u) dWᵢ`, one independent `Wᵢ` per component.
  case diagonal
  /// `duᵢ = … + gᵢ(u) dW`, one `W` for every component.
  case scalar
  /// `du = … + G(u) dW` with an `n × m` matrix `G` and `dW ∈ ℝᵐ`.
  case nonDiagonal(Int)
  /// Diagonal noise whose rate does not depend on `u` (`g(t)`).
  case additive
}

/// The stochastic calculus an ``SDEProblem`` is written in.
public enum SDEInterpretation: Sendable, Equatable {
  /// Itô (DifferentialEquations.jl's default).
  case ito
  /// Stratonovich.
  case stratonovich
}
