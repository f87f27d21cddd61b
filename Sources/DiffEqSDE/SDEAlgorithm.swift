import DiffEqBase

/// A method for stochastic differential equations (`EM()`, `EulerHeun()`, `RKMil()`).
public protocol SDEAlgorithm: Sendable {
  /// The method's name as in DifferentialEquations.jl.
  var name: String { get }
  /// The scheme.
  var scheme: SDEScheme { get }
}

/// The fixed-step schemes (Kloeden & Platen, *Numerical Solution of Stochastic Differential
/// Equations*, Springer 1992), with `h` the step, `ΔW` the Wiener increment:
///
/// ```
/// eulerMaruyama:  uₙ₊₁ = uₙ + f(uₙ)h + g(uₙ)ΔW                      (Itô; strong order ½)
/// eulerHeun:      ū = uₙ + f(uₙ)h + g(uₙ)ΔW,
///                 uₙ₊₁ = uₙ + ½(f(uₙ) + f(ū))h + ½(g(uₙ) + g(ū))ΔW   (Stratonovich; ½)
/// milstein:       ū = uₙ + f(uₙ)h + g(uₙ)√h,
///                 uₙ₊₁ = uₙ + f h + g ΔW + (g(ū) − g(uₙ))(ΔW² − h)/(2√h)   (Itô; order 1)
///                 Stratonovich: ū = uₙ + g(uₙ)√h and ΔW² in place of ΔW² − h
/// ```
///
/// (the derivative-free Runge–Kutta Milstein scheme, KP (11.1.5); diagonal or scalar noise).
public enum SDEScheme: Sendable, Equatable {
  /// Euler–Maruyama.
  case eulerMaruyama
  /// The stochastic Heun method.
  case eulerHeun
  /// Derivative-free Milstein.
  case milstein
  /// A Rößler SRI method (strong order 1.5, diagonal or scalar Itô noise, adaptive).
  case sri(SRITableau)
  /// A Rößler SRA method (strong order 1.5, additive noise, adaptive).
  case sra(SRATableau)
  /// Euler–Maruyama with Lamba's drift/diffusion error estimate (adaptive, strong order ½).
  case lambaEM

  /// Whether the scheme estimates its error (and steps adaptively by default).
  public var isAdaptive: Bool {
    switch self {
    case .sri, .sra, .lambaEM: true
    default: false
    }
  }
}

/// Euler–Maruyama: strong order ½, weak order 1, Itô; any noise shape.
public struct EM: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"EM"`.
  public var name: String { "EM" }
  /// Euler–Maruyama.
  public var scheme: SDEScheme { .eulerMaruyama }
}

/// The stochastic Heun method: strong order ½ for Stratonovich problems; any noise shape.
public struct EulerHeun: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"EulerHeun"`.
  public var name: String { "EulerHeun" }
  /// Heun.
  public var scheme: SDEScheme { .eulerHeun }
}

/// Adaptive Euler–Maruyama (Lamba 2003, as in StochasticDiffEq.jl with `split = true`): with
/// `K = uₙ + h f(uₙ)` and `L = g(K, tₙ + h)`,
///
/// ```
/// uₙ₊₁ = K + L ΔW
/// E_d = h (f(K, tₙ + h) − f(uₙ, tₙ))/2,   E_n = (g(K + √h L, tₙ) − L)/√h · (ΔW² − h)/2
/// EEst = ‖(E_d + E_n)/(abstol + max(|uₙ|, |uₙ₊₁|)·reltol)‖_rms
/// ```
///
/// Strong order ½, Itô; diagonal, scalar or additive noise.
public struct LambaEM: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"LambaEM"`.
  public var name: String { "LambaEM" }
  /// Adaptive Euler–Maruyama.
  public var scheme: SDEScheme { .lambaEM }
}

/// The derivative-free Runge–Kutta Milstein method: strong order 1 for diagonal or scalar
/// noise, in the problem's interpretation (Itô or Stratonovich).
public struct RKMil: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"RKMil"`.
  public var name: String { "RKMil" }
  /// Milstein.
  public var scheme: SDEScheme { .milstein }
}
